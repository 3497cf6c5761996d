package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one door of every journey and campaign message: judges the delivery rules, records the send
 * in the delivery log, hands it to the channel's {@link MessageTransport} and confirms it. A batch
 * costs a handful of round trips to PostgreSQL whatever its size, and its messages go to the
 * providers in parallel on a bounded pool of sender threads ({@code
 * oxidly.delivery.sender-threads}).
 *
 * <p>Exactly once per send key: while one attempt holds a key (a PostgreSQL advisory lock on the
 * key, held on one connection from the claim to the confirmation), any other attempt with that key
 * waits, then finds the outcome recorded. A batch takes its keys' locks in one statement in the
 * locks' order, so batches sharing keys queue instead of deadlocking. A key whose send was
 * confirmed is never sent again; a key claimed but not confirmed (the worker died talking to the
 * provider, which released the lock with its connection) is sent again with the content stored at
 * the claim. Each message is confirmed before its sender thread takes the next one, so at most one
 * message per sender thread can reach a provider twice.
 *
 * <p>Frequency caps are counted and the claims inserted in one transaction holding the customers'
 * row locks (taken in uuid order), so concurrent sends from different sources cannot both take a
 * cap's last slot; sends of one customer earlier in the same batch count too.
 */
@Component
public class MessageDelivery implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final DeliveryRules rules;
  private final Map<Channel, FrequencyCap> caps;
  private final MessageRenderer renderer;
  private final Links links;
  private final String unsubscribeMailbox;
  private final Map<Channel, MessageTransport> transports = new EnumMap<>(Channel.class);
  private final Clock clock;

  private final ExecutorService senders;
  private final int senderThreads;

  /** Runs between counting a cap and claiming; tests widen the race window with it. */
  volatile Runnable afterCapCount = () -> {};

  MessageDelivery(
      DataSource dataSource,
      JdbcTemplate jdbc,
      DeliveryProperties properties,
      MessageRenderer renderer,
      Links links,
      List<MessageTransport> transports,
      Clock clock) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.rules = new DeliveryRules(properties);
    this.caps = properties.frequencyCaps();
    this.renderer = renderer;
    this.links = links;
    this.unsubscribeMailbox = properties.unsubscribeMailbox();
    for (MessageTransport transport : transports) {
      this.transports.put(transport.channel(), transport);
    }
    this.clock = clock;
    this.senderThreads = properties.senderThreads();
    AtomicInteger numbers = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            senderThreads,
            task ->
                Thread.ofPlatform()
                    .daemon(true)
                    .name("delivery-sender-" + numbers.incrementAndGet())
                    .unstarted(task));
  }

  @Override
  public void destroy() {
    senders.shutdown();
  }

  /**
   * Delivers one message, or says why not (suppressed, failed: recorded in the delivery log) or not
   * yet (deferred until {@code retryAt}, not recorded: ask again then with the same key).
   * Idempotent per send key.
   *
   * @throws RuntimeException when the provider cannot be reached now; the send stays claimed and a
   *     retry sends it
   * @throws IllegalStateException when no transport serves the channel
   */
  public SendOutcome deliver(Send send) {
    return deliverAll(List.of(send)).getFirst();
  }

  /**
   * Delivers a batch with the rules and guarantees of {@link #deliver}: one outcome per send, in
   * order (a key given twice gets the one outcome twice). Idempotent per send key.
   *
   * @throws RuntimeException when a provider cannot be reached now; the batch's messages already
   *     accepted are confirmed, the others stay claimed, and a retry of the whole batch sends each
   *     of those once and repeats none of the confirmed ones
   * @throws IllegalStateException when no transport serves a channel that is due
   */
  public List<SendOutcome> deliverAll(List<Send> sends) {
    Map<String, Send> byKey = new LinkedHashMap<>();
    for (Send send : sends) {
      byKey.putIfAbsent(send.sendKey(), send);
    }
    Map<String, SendOutcome> outcomes = new HashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      Session session = new Session(connection);
      List<Pending> pending = judgeUnlocked(session.jdbc, byKey.values(), outcomes);
      if (!pending.isEmpty()) {
        Set<String> keys = new LinkedHashSet<>();
        pending.forEach(p -> keys.add(p.send.sendKey()));
        advisory(connection, "pg_advisory_lock", keys);
        try {
          List<OutgoingMessage> due =
              session.transactions.execute(status -> claim(session.jdbc, pending, outcomes));
          sendAll(session.jdbc, due, outcomes);
        } finally {
          // A failure here leaves a broken connection, which the pool discards with its locks.
          advisory(connection, "pg_advisory_unlock", keys);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("delivery log unavailable: " + e.getMessage(), e);
    }
    return sends.stream().map(send -> outcomes.get(send.sendKey())).toList();
  }

  /** A send that may go out: rendered already, or (null) claimed earlier and to be re-sent. */
  private record Pending(Send send, Rendered rendered) {}

  /**
   * Without locks: finished keys, unknown customers and the rules, so that suppressed sends neither
   * render (nor ask a language model) nor take the customers' locks. Records suppressions and
   * template failures; returns what is left to claim.
   */
  private List<Pending> judgeUnlocked(
      JdbcTemplate jdbc, Collection<Send> sends, Map<String, SendOutcome> outcomes) {
    Map<String, DeliveryLog.Entry> known =
        DeliveryLog.findAll(jdbc, sends.stream().map(Send::sendKey).toList());
    List<UUID> customers =
        sends.stream()
            .filter(send -> !isFinal(known.get(send.sendKey())))
            .map(Send::customerUuid)
            .distinct()
            .toList();
    Map<UUID, CustomerFacts> facts = DeliveryLog.factsOf(jdbc, customers, false);
    List<Pending> pending = new ArrayList<>();
    List<DeliveryLog.Final> finals = new ArrayList<>();
    for (Send send : sends) {
      DeliveryLog.Entry entry = known.get(send.sendKey());
      CustomerFacts customer = facts.get(send.customerUuid());
      if (isFinal(entry)) {
        outcomes.put(send.sendKey(), entry.outcome());
      } else if (customer == null) {
        // Nothing to record against: the log references customers.
        outcomes.put(send.sendKey(), SendOutcome.suppressed(send.sendKey(), "unknown_customer"));
      } else if (entry != null) {
        pending.add(new Pending(send, null));
      } else {
        DeliveryRules.Verdict verdict =
            rules.judge(customer, send.channel(), send.messageClass(), send.decidedAt());
        if (verdict instanceof DeliveryRules.Allowed) {
          Rendered rendered = render(send, customer, finals);
          if (rendered != null) {
            pending.add(new Pending(send, rendered));
          }
        } else {
          decided(send, verdict, null, finals, outcomes);
        }
      }
    }
    List<Send> raced = recordFinals(jdbc, finals, outcomes);
    raced.forEach(send -> pending.add(new Pending(send, null)));
    for (Pending p : pending) {
      transport(p.send.channel());
    }
    return pending;
  }

  /**
   * In one transaction under the customers' row locks (and the keys' advisory locks): re-read the
   * keys, re-judge, count the caps, claim. Returns the messages to send now, claims found
   * unconfirmed included.
   */
  private List<OutgoingMessage> claim(
      JdbcTemplate tx, List<Pending> pending, Map<String, SendOutcome> outcomes) {
    Map<UUID, CustomerFacts> facts =
        DeliveryLog.factsOf(
            tx, pending.stream().map(p -> p.send.customerUuid()).distinct().toList(), true);
    Map<String, DeliveryLog.Entry> known =
        DeliveryLog.findAll(tx, pending.stream().map(p -> p.send.sendKey()).toList());
    List<OutgoingMessage> due = new ArrayList<>();
    List<String> resent = new ArrayList<>();
    List<DeliveryLog.Final> finals = new ArrayList<>();
    List<DeliveryLog.NewClaim> allowed = new ArrayList<>();
    for (Pending p : pending) {
      Send send = p.send;
      DeliveryLog.Entry entry = known.get(send.sendKey());
      CustomerFacts customer = facts.get(send.customerUuid());
      if (isFinal(entry)) {
        outcomes.put(send.sendKey(), entry.outcome());
      } else if (entry != null) {
        // Claimed by an attempt that never confirmed: send what it stored, once more.
        log.info("{} was claimed but not confirmed: sending it again", send.sendKey());
        resent.add(send.sendKey());
        due.add(message(send, entry.recipient(), entry.subject(), entry.html(), entry.text()));
      } else if (customer == null) {
        outcomes.put(send.sendKey(), SendOutcome.suppressed(send.sendKey(), "unknown_customer"));
      } else {
        DeliveryRules.Verdict verdict =
            rules.judge(customer, send.channel(), send.messageClass(), send.decidedAt());
        if (verdict instanceof DeliveryRules.Allowed ok) {
          Rendered content = p.rendered != null ? p.rendered : render(send, customer, finals);
          if (content != null) {
            allowed.add(new DeliveryLog.NewClaim(send, ok.recipient(), content));
          }
        } else {
          decided(send, verdict, null, finals, outcomes);
        }
      }
    }
    List<DeliveryLog.NewClaim> claims = withinCaps(tx, allowed, finals, outcomes);
    List<Send> raced = recordFinals(tx, finals, outcomes);
    Set<String> inserted = DeliveryLog.insertClaims(tx, claims);
    for (DeliveryLog.NewClaim c : claims) {
      if (inserted.contains(c.send().sendKey())) {
        Rendered r = c.content();
        due.add(message(c.send(), c.recipient(), r.subject(), r.html(), r.text()));
      } else {
        raced.add(c.send());
      }
    }
    // Rows another attempt wrote meanwhile without the key lock (suppressions): theirs stands.
    List<Send> unsettled = takeTheirs(tx, raced, outcomes);
    if (!unsettled.isEmpty()) {
      throw new IllegalStateException(
          unsettled.getFirst().sendKey() + " changed under its lock; retry");
    }
    DeliveryLog.reclaimAll(tx, resent);
    return due;
  }

  /**
   * The sends that fit their frequency caps, counting the log and the sends allowed before them in
   * this batch; the others are suppressed with the cap's reason.
   */
  private List<DeliveryLog.NewClaim> withinCaps(
      JdbcTemplate tx,
      List<DeliveryLog.NewClaim> allowed,
      List<DeliveryLog.Final> finals,
      Map<String, SendOutcome> outcomes) {
    Instant since = null;
    List<UUID> customers = new ArrayList<>();
    for (DeliveryLog.NewClaim c : allowed) {
      FrequencyCap cap = capOf(c.send());
      if (cap != null) {
        Instant start = c.send().decidedAt().minus(cap.window());
        since = since == null || start.isBefore(since) ? start : since;
        customers.add(c.send().customerUuid());
      }
    }
    if (since == null) {
      return allowed;
    }
    List<DeliveryLog.CapUse> uses =
        new ArrayList<>(
            DeliveryLog.marketingSince(tx, customers.stream().distinct().toList(), since));
    afterCapCount.run();
    Map<UUID, List<DeliveryLog.CapUse>> byCustomer = new HashMap<>();
    uses.forEach(u -> byCustomer.computeIfAbsent(u.customerUuid(), k -> new ArrayList<>()).add(u));
    List<DeliveryLog.NewClaim> fitting = new ArrayList<>();
    for (DeliveryLog.NewClaim c : allowed) {
      Send send = c.send();
      FrequencyCap cap = capOf(send);
      if (cap == null) {
        fitting.add(c);
        continue;
      }
      Instant start = send.decidedAt().minus(cap.window());
      List<DeliveryLog.CapUse> own =
          byCustomer.computeIfAbsent(send.customerUuid(), k -> new ArrayList<>());
      long taken =
          own.stream()
              .filter(
                  u ->
                      u.channel() == send.channel()
                          && u.decidedAt().isAfter(start)
                          && !u.sendKey().equals(send.sendKey()))
              .count();
      if (taken >= cap.limit()) {
        finals.add(new DeliveryLog.Final(send, "suppressed", cap.reason(), c.recipient()));
      } else {
        fitting.add(c);
        own.add(
            new DeliveryLog.CapUse(
                send.customerUuid(), send.channel(), send.decidedAt(), send.sendKey()));
      }
    }
    return fitting;
  }

  private FrequencyCap capOf(Send send) {
    return send.messageClass() == MessageClass.MARKETING ? caps.get(send.channel()) : null;
  }

  /**
   * Inserts the final rows and puts their outcomes; returns the sends whose key had a row already
   * (another attempt's), for the caller to settle.
   */
  private static List<Send> recordFinals(
      JdbcTemplate jdbc, List<DeliveryLog.Final> finals, Map<String, SendOutcome> outcomes) {
    Set<String> inserted = DeliveryLog.insertFinals(jdbc, finals);
    List<Send> others = new ArrayList<>();
    for (DeliveryLog.Final f : finals) {
      String key = f.send().sendKey();
      if (inserted.contains(key)) {
        outcomes.put(
            key,
            f.status().equals("failed")
                ? SendOutcome.failed(key, f.reason())
                : SendOutcome.suppressed(key, f.reason()));
      } else {
        others.add(f.send());
      }
    }
    return takeTheirs(jdbc, others, outcomes);
  }

  /**
   * Puts the recorded outcome of each send whose key another attempt settled; returns the sends
   * whose key is not settled (claimed by another attempt, or without a row).
   */
  private static List<Send> takeTheirs(
      JdbcTemplate jdbc, List<Send> sends, Map<String, SendOutcome> outcomes) {
    Map<String, DeliveryLog.Entry> theirs =
        DeliveryLog.findAll(jdbc, sends.stream().map(Send::sendKey).toList());
    List<Send> unsettled = new ArrayList<>();
    for (Send send : sends) {
      DeliveryLog.Entry entry = theirs.get(send.sendKey());
      if (isFinal(entry)) {
        outcomes.put(send.sendKey(), entry.outcome());
      } else {
        unsettled.add(send);
      }
    }
    return unsettled;
  }

  /** The rendered message, or null after recording a broken template as failed. */
  private Rendered render(Send send, CustomerFacts customer, List<DeliveryLog.Final> finals) {
    try {
      return renderer.render(send, customer);
    } catch (MessageTemplates.TemplateException broken) {
      finals.add(
          new DeliveryLog.Final(send, "failed", "template_error:" + broken.getMessage(), null));
      return null;
    }
  }

  private static void decided(
      Send send,
      DeliveryRules.Verdict verdict,
      String recipient,
      List<DeliveryLog.Final> finals,
      Map<String, SendOutcome> outcomes) {
    switch (verdict) {
      case DeliveryRules.Deferred deferred ->
          outcomes.put(
              send.sendKey(),
              SendOutcome.deferred(send.sendKey(), deferred.reason(), deferred.retryAt()));
      case DeliveryRules.Suppressed suppressed ->
          finals.add(new DeliveryLog.Final(send, "suppressed", suppressed.reason(), recipient));
      case DeliveryRules.Allowed allowed ->
          throw new IllegalStateException("allowed is no decision");
    }
  }

  private static boolean isFinal(DeliveryLog.Entry entry) {
    return entry != null && !entry.claimed();
  }

  private OutgoingMessage message(
      Send send, String recipient, String subject, String html, String text) {
    return new OutgoingMessage(
        send.sendKey(),
        send.customerUuid(),
        send.channel(),
        send.messageClass(),
        recipient,
        subject,
        html,
        text,
        unsubscribeUrl(send),
        unsubscribeMailto(send));
  }

  private MessageTransport transport(Channel channel) {
    MessageTransport transport = transports.get(channel);
    if (transport == null) {
      throw new IllegalStateException("no transport for channel " + channel.key());
    }
    return transport;
  }

  /**
   * What a sender thread reports: a provider's answer (confirmed by the caller's thread, which then
   * releases the sender), a transient failure, or (both null) that the sender is done.
   */
  private record Report(
      OutgoingMessage message,
      TransportResult result,
      RuntimeException failure,
      CompletableFuture<Void> recorded) {}

  /**
   * Hands the messages to their providers on the sender threads. Each sender waits until its
   * message's answer is in the log before it takes the next, and the caller's thread writes the
   * answers that arrived together in one statement. After a transient failure no sender takes a new
   * message; the failure is thrown once the ones in flight are recorded.
   */
  private void sendAll(
      JdbcTemplate session, List<OutgoingMessage> messages, Map<String, SendOutcome> outcomes) {
    if (messages.isEmpty()) {
      return;
    }
    BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    int workers = Math.min(senderThreads, messages.size());
    for (int w = 0; w < workers; w++) {
      senders.execute(
          () -> {
            try {
              for (int i = next.getAndIncrement();
                  i < messages.size() && !stop.get();
                  i = next.getAndIncrement()) {
                OutgoingMessage message = messages.get(i);
                Report report;
                try {
                  report =
                      new Report(
                          message,
                          transport(message.channel()).send(message),
                          null,
                          new CompletableFuture<>());
                } catch (RuntimeException transientFailure) {
                  stop.set(true);
                  reports.add(new Report(message, null, transientFailure, null));
                  return;
                }
                reports.add(report);
                try {
                  report.recorded.join();
                } catch (RuntimeException notRecorded) {
                  stop.set(true);
                  return;
                }
              }
            } finally {
              reports.add(new Report(null, null, null, null));
            }
          });
    }
    RuntimeException failure = null;
    boolean interrupted = false;
    int running = workers;
    List<Report> arrived = new ArrayList<>();
    while (running > 0) {
      try {
        arrived.add(reports.take());
      } catch (InterruptedException e) {
        // Senders wait for their confirmations: keep serving them, then pass the interrupt on.
        interrupted = true;
        stop.set(true);
        continue;
      }
      reports.drainTo(arrived);
      List<DeliveryLog.Settlement> answers = new ArrayList<>();
      for (Report report : arrived) {
        if (report.message == null) {
          running--;
        } else if (report.failure != null) {
          failure = failure == null ? report.failure : failure;
        } else {
          answers.add(settlement(report));
        }
      }
      try {
        DeliveryLog.settle(session, answers);
        for (Report report : arrived) {
          if (report.recorded != null) {
            outcome(report, outcomes);
            report.recorded.complete(null);
          }
        }
      } catch (RuntimeException notRecorded) {
        // The messages stay claimed: a retry sends them again (the window of a crash).
        stop.set(true);
        failure = failure == null ? notRecorded : failure;
        arrived.forEach(r -> failNotRecorded(r, notRecorded));
      }
      arrived.clear();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private DeliveryLog.Settlement settlement(Report report) {
    TransportResult result = report.result;
    return new DeliveryLog.Settlement(
        report.message.sendKey(),
        result.isAccepted() ? result.providerMessageId() : null,
        result.isAccepted() ? null : result.rejection(),
        clock.instant());
  }

  private static void outcome(Report report, Map<String, SendOutcome> outcomes) {
    OutgoingMessage message = report.message;
    if (report.result.isAccepted()) {
      outcomes.put(message.sendKey(), SendOutcome.sent(message.sendKey()));
    } else {
      log.info(
          "{} rejected by the {} provider: {}",
          message.sendKey(),
          message.channel().key(),
          report.result.rejection());
      outcomes.put(
          message.sendKey(), SendOutcome.failed(message.sendKey(), report.result.rejection()));
    }
  }

  private static void failNotRecorded(Report report, RuntimeException cause) {
    if (report.recorded != null) {
      report.recorded.completeExceptionally(cause);
    }
  }

  private String unsubscribeUrl(Send send) {
    return marketingEmail(send) ? links.unsubscribeUrl(send.sendKey()) : null;
  }

  private String unsubscribeMailto(Send send) {
    return marketingEmail(send)
        ? "mailto:"
            + unsubscribeMailbox
            + "?subject=unsubscribe%20"
            + links.token(Links.Kind.UNSUBSCRIBE, send.sendKey(), "")
        : null;
  }

  private static boolean marketingEmail(Send send) {
    return send.channel() == Channel.EMAIL && send.messageClass() == MessageClass.MARKETING;
  }

  /** One connection, holding the batch's advisory locks, with transactions of its own. */
  private static final class Session {
    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;

    Session(Connection connection) {
      SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
      this.jdbc = new JdbcTemplate(single);
      this.transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
    }
  }

  /**
   * Takes or releases the keys' session-level advisory locks in one statement, in the order of the
   * lock ids (volatile functions in the select list run after the sort), so that two batches
   * sharing keys never wait for each other in a cycle.
   */
  private static void advisory(Connection connection, String function, Collection<String> keys)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select "
                + function
                + "(id) from (select distinct hashtextextended(k, 0) as id"
                + " from unnest(?::text[]) as k) ids order by id")) {
      statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
      statement.executeQuery().close();
    }
  }
}
