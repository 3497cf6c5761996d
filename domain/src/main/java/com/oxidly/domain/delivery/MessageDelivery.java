package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one door of every journey and campaign message: judges the delivery rules, records the send
 * in the delivery log, hands it to the channel's {@link MessageTransport} and confirms it.
 *
 * <p>Exactly once per send key: while one attempt holds a key (a PostgreSQL advisory lock on the
 * key, held on one connection from the claim to the confirmation), any other attempt with that key
 * waits, then finds the outcome recorded. A key whose send was confirmed is never sent again; a key
 * claimed but not confirmed (the worker died talking to the provider, which released the lock with
 * its connection) is sent again with the content stored at the claim — only such an in-flight
 * message can reach a provider twice.
 *
 * <p>Frequency caps are counted and the claim inserted in one transaction holding the customer's
 * row lock, so concurrent sends from different sources cannot both take a cap's last slot.
 */
@Component
public class MessageDelivery {

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
    // Fast paths without locks: a retry of a finished key, the rules, so that suppressed sends
    // neither render (nor ask a language model) nor take the customer's lock.
    Optional<DeliveryLog.Entry> known = DeliveryLog.find(jdbc, send.sendKey(), false);
    if (known.isPresent() && !known.get().claimed()) {
      return known.get().outcome();
    }
    Optional<CustomerFacts> customer = DeliveryLog.facts(jdbc, send.customerUuid(), false);
    if (customer.isEmpty()) {
      // Nothing to record against: the log references customers.
      return SendOutcome.suppressed(send.sendKey(), "unknown_customer");
    }
    Rendered rendered = null;
    if (known.isEmpty()) {
      DeliveryRules.Verdict verdict =
          rules.judge(customer.get(), send.channel(), send.messageClass(), send.decidedAt());
      if (!(verdict instanceof DeliveryRules.Allowed)) {
        return decided(send, verdict);
      }
      try {
        rendered = renderer.render(send, customer.get());
      } catch (MessageTemplates.TemplateException broken) {
        DeliveryLog.insertFinal(
            jdbc, send, "failed", "template_error:" + broken.getMessage(), null);
        return DeliveryLog.find(jdbc, send.sendKey(), false).orElseThrow().outcome();
      }
    }
    MessageTransport transport = transports.get(send.channel());
    if (transport == null) {
      throw new IllegalStateException("no transport for channel " + send.channel().key());
    }
    Rendered content = rendered;
    return withKeyLock(send.sendKey(), session -> claimAndSend(session, send, content, transport));
  }

  /** {@link #deliver} for each, in order; a transient failure stops the batch (retry it whole). */
  public List<SendOutcome> deliverAll(List<Send> sends) {
    List<SendOutcome> outcomes = new ArrayList<>(sends.size());
    for (Send send : sends) {
      outcomes.add(deliver(send));
    }
    return outcomes;
  }

  private SendOutcome claimAndSend(
      Session session, Send send, Rendered rendered, MessageTransport transport) {
    Claim claim = session.transactions.execute(status -> claim(session.jdbc, send, rendered));
    if (claim.outcome != null) {
      return claim.outcome;
    }
    DeliveryLog.Entry entry = claim.entry;
    OutgoingMessage message =
        new OutgoingMessage(
            send.sendKey(),
            send.customerUuid(),
            send.channel(),
            send.messageClass(),
            entry.recipient(),
            entry.subject(),
            entry.html(),
            entry.text(),
            unsubscribeUrl(send),
            unsubscribeMailto(send));
    TransportResult result = transport.send(message);
    if (result.isAccepted()) {
      DeliveryLog.confirm(
          session.jdbc, send.sendKey(), result.providerMessageId(), clock.instant());
      return SendOutcome.sent(send.sendKey());
    }
    log.info(
        "{} rejected by the {} provider: {}",
        send.sendKey(),
        send.channel().key(),
        result.rejection());
    DeliveryLog.fail(session.jdbc, send.sendKey(), result.rejection());
    return SendOutcome.failed(send.sendKey(), result.rejection());
  }

  private record Claim(SendOutcome outcome, DeliveryLog.Entry entry) {}

  /** In one transaction under the customer's lock: re-judge, count the cap, claim. */
  private Claim claim(JdbcTemplate tx, Send send, Rendered rendered) {
    Optional<CustomerFacts> customer = DeliveryLog.facts(tx, send.customerUuid(), true);
    if (customer.isEmpty()) {
      return new Claim(SendOutcome.suppressed(send.sendKey(), "unknown_customer"), null);
    }
    Optional<DeliveryLog.Entry> existing = DeliveryLog.find(tx, send.sendKey(), true);
    if (existing.isPresent()) {
      if (!existing.get().claimed()) {
        return new Claim(existing.get().outcome(), null);
      }
      // Claimed by an attempt that never confirmed: send what it stored, once more.
      DeliveryLog.reclaim(tx, send.sendKey());
      log.info("{} was claimed but not confirmed: sending it again", send.sendKey());
      return new Claim(null, existing.get());
    }
    DeliveryRules.Verdict verdict =
        rules.judge(customer.get(), send.channel(), send.messageClass(), send.decidedAt());
    if (!(verdict instanceof DeliveryRules.Allowed allowed)) {
      return new Claim(decided(tx, send, verdict), null);
    }
    FrequencyCap cap = caps.get(send.channel());
    if (cap != null && send.messageClass() == MessageClass.MARKETING) {
      int taken =
          DeliveryLog.marketingSentSince(
              tx,
              send.customerUuid(),
              send.channel(),
              send.decidedAt().minus(cap.window()),
              send.sendKey());
      afterCapCount.run();
      if (taken >= cap.limit()) {
        DeliveryLog.insertFinal(tx, send, "suppressed", cap.reason(), allowed.recipient());
        return new Claim(SendOutcome.suppressed(send.sendKey(), cap.reason()), null);
      }
    }
    Rendered content = rendered != null ? rendered : renderer.render(send, customer.get());
    DeliveryLog.insertClaim(tx, send, allowed.recipient(), content);
    return new Claim(null, DeliveryLog.find(tx, send.sendKey(), false).orElseThrow());
  }

  private SendOutcome decided(Send send, DeliveryRules.Verdict verdict) {
    return decided(jdbc, send, verdict);
  }

  private static SendOutcome decided(JdbcTemplate jdbc, Send send, DeliveryRules.Verdict verdict) {
    return switch (verdict) {
      case DeliveryRules.Deferred deferred ->
          SendOutcome.deferred(send.sendKey(), deferred.reason(), deferred.retryAt());
      case DeliveryRules.Suppressed suppressed -> {
        DeliveryLog.insertFinal(jdbc, send, "suppressed", suppressed.reason(), null);
        yield DeliveryLog.find(jdbc, send.sendKey(), false).orElseThrow().outcome();
      }
      case DeliveryRules.Allowed allowed ->
          throw new IllegalStateException("allowed is no decision");
    };
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

  /** One connection, holding the key's advisory lock, with transactions of its own. */
  private record Session(JdbcTemplate jdbc, TransactionTemplate transactions) {}

  private <T> T withKeyLock(String sendKey, java.util.function.Function<Session, T> body) {
    try (Connection connection = dataSource.getConnection()) {
      advisory(connection, "select pg_advisory_lock(hashtextextended(?, 0))", sendKey);
      try {
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        return body.apply(
            new Session(
                new JdbcTemplate(single),
                new TransactionTemplate(new DataSourceTransactionManager(single))));
      } finally {
        // A failure here leaves a broken connection, which the pool discards with its lock.
        advisory(connection, "select pg_advisory_unlock(hashtextextended(?, 0))", sendKey);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("delivery log unavailable: " + e.getMessage(), e);
    }
  }

  private static void advisory(Connection connection, String sql, String key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key);
      statement.executeQuery().close();
    }
  }
}
