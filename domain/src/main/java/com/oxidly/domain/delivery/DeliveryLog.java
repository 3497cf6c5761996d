package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** The SQL of the delivery log, run on whichever connection the caller holds. */
final class DeliveryLog {

  /** A row of the log. */
  record Entry(
      String sendKey,
      UUID customerUuid,
      Channel channel,
      MessageClass messageClass,
      String status,
      String reason,
      String recipient,
      String subject,
      String html,
      String text) {

    SendOutcome outcome() {
      return switch (status) {
        case "sent" -> SendOutcome.sent(sendKey);
        case "suppressed" -> SendOutcome.suppressed(sendKey, reason);
        case "failed" -> SendOutcome.failed(sendKey, reason);
        default -> throw new IllegalStateException(sendKey + " is still " + status);
      };
    }

    boolean claimed() {
      return "claimed".equals(status);
    }
  }

  private DeliveryLog() {}

  private static final String ENTRY_COLUMNS =
      "send_key, customer_uuid, channel, message_class, status, reason, recipient, subject,"
          + " body_html, body_text";

  /** The rows of these keys, by key; keys without a row are absent. */
  static Map<String, Entry> findAll(JdbcTemplate jdbc, Collection<String> sendKeys) {
    Map<String, Entry> entries = new HashMap<>();
    if (sendKeys.isEmpty()) {
      return entries;
    }
    jdbc.query(
        con -> {
          PreparedStatement statement =
              con.prepareStatement(
                  "select " + ENTRY_COLUMNS + " from deliveries where send_key = any(?)");
          statement.setArray(1, con.createArrayOf("text", sendKeys.toArray()));
          return statement;
        },
        (RowCallbackHandler)
            rs ->
                entries.put(
                    rs.getString(1),
                    new Entry(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        channel(rs.getString(3)),
                        MessageClass.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10))));
    return entries;
  }

  /**
   * The facts of these customers, by uuid; with {@code lock}, their rows are locked (no key update)
   * in uuid order until the transaction ends, so two batches sharing customers queue on the first
   * shared one instead of deadlocking, and every claim of a customer is serialised.
   */
  static Map<UUID, CustomerFacts> factsOf(
      JdbcTemplate jdbc, Collection<UUID> customers, boolean lock) {
    Map<UUID, CustomerFacts> facts = new HashMap<>();
    if (customers.isEmpty()) {
      return facts;
    }
    jdbc.query(
        con -> {
          PreparedStatement statement =
              con.prepareStatement(
                  "select "
                      + CustomerFacts.COLUMNS
                      + " from customers where customer_uuid = any(?::text[]::uuid[])"
                      + (lock ? " order by customer_uuid for no key update" : ""));
          statement.setArray(1, texts(con, customers));
          return statement;
        },
        (RowCallbackHandler)
            rs -> {
              CustomerFacts customer = CustomerFacts.of(rs);
              facts.put(customer.uuid(), customer);
            });
    return facts;
  }

  /** A marketing message that counts against a frequency cap. */
  record CapUse(UUID customerUuid, Channel channel, Instant decidedAt, String sendKey) {}

  /**
   * Marketing messages of these customers that count against caps: claimed or sent, decided after
   * {@code since} (the earliest window start of the batch). Later decisions count too (a send
   * deferred by quiet hours may be decided after one that arrives later), so a cap holds for any
   * window, whatever the arrival order.
   */
  static List<CapUse> marketingSince(JdbcTemplate jdbc, Collection<UUID> customers, Instant since) {
    if (customers.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        con -> {
          PreparedStatement statement =
              con.prepareStatement(
                  "select customer_uuid, channel, decided_at, send_key from deliveries"
                      + " where customer_uuid = any(?::text[]::uuid[])"
                      + " and message_class = 'marketing' and status in ('claimed', 'sent')"
                      + " and decided_at > ?");
          statement.setArray(1, texts(con, customers));
          statement.setTimestamp(2, Timestamp.from(since));
          return statement;
        },
        (rs, n) ->
            new CapUse(
                rs.getObject(1, UUID.class),
                channel(rs.getString(2)),
                rs.getTimestamp(3).toInstant(),
                rs.getString(4)));
  }

  /** A final row: suppressed or failed, never sent. */
  record Final(Send send, String status, String reason, String recipient) {}

  /**
   * Records final suppressions and failures in one statement; a row already there (another
   * attempt's) wins.
   *
   * @return the keys this call inserted
   */
  static Set<String> insertFinals(JdbcTemplate jdbc, List<Final> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    return insertReturningKeys(
        jdbc,
        "insert into deliveries (send_key, source, step_id, customer_uuid, channel,"
            + " message_class, status, reason, decided_at, recipient)"
            + " select k, s, st, c::uuid, ch, mc, status, reason, d::timestamptz, r"
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as v(k, s, st, c, ch, mc, status, reason, d, r)"
            + " on conflict (send_key) do nothing returning send_key",
        rows,
        List.of(
            f -> f.send().sendKey(),
            f -> f.send().source(),
            f -> f.send().stepId(),
            f -> f.send().customerUuid().toString(),
            f -> f.send().channel().key(),
            f -> messageClass(f.send()),
            Final::status,
            Final::reason,
            f -> f.send().decidedAt().toString(),
            Final::recipient));
  }

  /** A send allowed and rendered, to be claimed. */
  record NewClaim(Send send, String recipient, Rendered content) {}

  /**
   * Claims sends in one statement (status claimed, content stored, attempt 1).
   *
   * @return the keys this call inserted; a key missing had a row already (another attempt's)
   */
  static Set<String> insertClaims(JdbcTemplate jdbc, List<NewClaim> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    return insertReturningKeys(
        jdbc,
        "insert into deliveries (send_key, source, step_id, customer_uuid, channel,"
            + " message_class, status, decided_at, attempts, recipient, subject, body_html,"
            + " body_text, ai_variant)"
            + " select k, s, st, c::uuid, ch, mc, 'claimed', d::timestamptz, 1, r, sub, h, t,"
            + " ai::boolean"
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as v(k, s, st, c, ch, mc, d, r, sub, h, t, ai)"
            + " on conflict (send_key) do nothing returning send_key",
        rows,
        List.of(
            c -> c.send().sendKey(),
            c -> c.send().source(),
            c -> c.send().stepId(),
            c -> c.send().customerUuid().toString(),
            c -> c.send().channel().key(),
            c -> messageClass(c.send()),
            c -> c.send().decidedAt().toString(),
            NewClaim::recipient,
            c -> c.content().subject(),
            c -> c.content().html(),
            c -> c.content().text(),
            c -> String.valueOf(c.content().aiVariant())));
  }

  /** Counts one more attempt of claims found unconfirmed, which are about to be sent again. */
  static void reclaimAll(JdbcTemplate jdbc, Collection<String> sendKeys) {
    if (sendKeys.isEmpty()) {
      return;
    }
    jdbc.update(
        con -> {
          PreparedStatement statement =
              con.prepareStatement(
                  "update deliveries set attempts = attempts + 1, claimed_at = clock_timestamp()"
                      + " where send_key = any(?) and status = 'claimed'");
          statement.setArray(1, con.createArrayOf("text", sendKeys.toArray()));
          return statement;
        });
  }

  /**
   * A provider's answer about a claimed send.
   *
   * @param rejection null when accepted
   */
  record Settlement(String sendKey, String providerMessageId, String rejection, Instant at) {}

  /**
   * Records providers' answers in one statement: sent (with the provider's id) or failed (with the
   * rejection). Only claimed rows change, so repeating it changes nothing.
   */
  static void settle(JdbcTemplate jdbc, List<Settlement> settlements) {
    if (settlements.isEmpty()) {
      return;
    }
    jdbc.update(
        con -> {
          PreparedStatement statement =
              con.prepareStatement(
                  "update deliveries d set"
                      + " status = case when v.rejection is null then 'sent' else 'failed' end,"
                      + " reason = coalesce(v.rejection, d.reason),"
                      + " provider_message_id = v.id,"
                      + " sent_at = case when v.rejection is null then v.at::timestamptz end"
                      + " from unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                      + " as v(k, id, rejection, at)"
                      + " where d.send_key = v.k and d.status = 'claimed'");
          statement.setArray(1, column(con, settlements, Settlement::sendKey));
          statement.setArray(2, column(con, settlements, Settlement::providerMessageId));
          statement.setArray(3, column(con, settlements, Settlement::rejection));
          statement.setArray(4, column(con, settlements, x -> x.at().toString()));
          return statement;
        });
  }

  private static <T> Set<String> insertReturningKeys(
      JdbcTemplate jdbc, String sql, List<T> rows, List<Function<T, String>> columns) {
    Set<String> inserted = new HashSet<>();
    jdbc.query(
        con -> {
          PreparedStatement statement = con.prepareStatement(sql);
          for (int c = 0; c < columns.size(); c++) {
            statement.setArray(c + 1, column(con, rows, columns.get(c)));
          }
          return statement;
        },
        (RowCallbackHandler) rs -> inserted.add(rs.getString(1)));
    return inserted;
  }

  private static <T> Array column(Connection con, List<T> rows, Function<T, String> column)
      throws SQLException {
    String[] values = new String[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = column.apply(rows.get(i));
    }
    return con.createArrayOf("text", values);
  }

  private static Array texts(Connection con, Collection<?> values) throws SQLException {
    return con.createArrayOf("text", values.stream().map(Object::toString).toArray());
  }

  private static String messageClass(Send send) {
    return send.messageClass().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The customer's facts; with {@code lock}, the row is locked (no key update: other tables may
   * still reference the customer) until the transaction ends, which serialises every claim for this
   * customer — two journeys cannot both take the last slot of a frequency cap.
   */
  static Optional<CustomerFacts> facts(JdbcTemplate jdbc, UUID customer, boolean lock) {
    return jdbc
        .query(
            "select "
                + CustomerFacts.COLUMNS
                + " from customers where customer_uuid = ?"
                + (lock ? " for no key update" : ""),
            (rs, n) -> CustomerFacts.of(rs),
            customer)
        .stream()
        .findFirst();
  }

  static Channel channel(String key) {
    for (Channel channel : Channel.values()) {
      if (channel.key().equals(key)) {
        return channel;
      }
    }
    throw new IllegalArgumentException("unknown channel " + key);
  }

  static List<Channel> channels() {
    return List.of(Channel.values());
  }
}
