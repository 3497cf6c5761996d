package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

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

  static Optional<Entry> find(JdbcTemplate jdbc, String sendKey, boolean lock) {
    return jdbc
        .query(
            "select send_key, customer_uuid, channel, message_class, status, reason, recipient,"
                + " subject, body_html, body_text from deliveries where send_key = ?"
                + (lock ? " for update" : ""),
            (rs, n) ->
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
                    rs.getString(10)),
            sendKey)
        .stream()
        .findFirst();
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

  /**
   * Marketing messages on the channel that count against the cap: claimed or sent, decided after
   * {@code since}. Later decisions count too (a send deferred by quiet hours may be decided after
   * one that arrives later), so the cap holds for any window, whatever the arrival order.
   */
  static int marketingSentSince(
      JdbcTemplate jdbc, UUID customer, Channel channel, Instant since, String excludingKey) {
    return jdbc.queryForObject(
        "select count(*) from deliveries where customer_uuid = ? and channel = ?"
            + " and message_class = 'marketing' and status in ('claimed', 'sent')"
            + " and decided_at > ? and send_key <> ?",
        Integer.class,
        customer,
        channel.key(),
        Timestamp.from(since),
        excludingKey);
  }

  /** Records a final suppression or failure; a row already there (another attempt) wins. */
  static void insertFinal(
      JdbcTemplate jdbc, Send send, String status, String reason, String recipient) {
    jdbc.update(
        "insert into deliveries (send_key, source, step_id, customer_uuid, channel, message_class,"
            + " status, reason, decided_at, recipient) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (send_key) do nothing",
        send.sendKey(),
        send.source(),
        send.stepId(),
        send.customerUuid(),
        send.channel().key(),
        send.messageClass().name().toLowerCase(Locale.ROOT),
        status,
        reason,
        Timestamp.from(send.decidedAt()),
        recipient);
  }

  static void insertClaim(JdbcTemplate jdbc, Send send, String recipient, Rendered rendered) {
    jdbc.update(
        "insert into deliveries (send_key, source, step_id, customer_uuid, channel, message_class,"
            + " status, decided_at, attempts, recipient, subject, body_html, body_text, ai_variant)"
            + " values (?, ?, ?, ?, ?, ?, 'claimed', ?, 1, ?, ?, ?, ?, ?)",
        send.sendKey(),
        send.source(),
        send.stepId(),
        send.customerUuid(),
        send.channel().key(),
        send.messageClass().name().toLowerCase(Locale.ROOT),
        Timestamp.from(send.decidedAt()),
        recipient,
        rendered.subject(),
        rendered.html(),
        rendered.text(),
        rendered.aiVariant());
  }

  static void reclaim(JdbcTemplate jdbc, String sendKey) {
    jdbc.update(
        "update deliveries set attempts = attempts + 1, claimed_at = clock_timestamp()"
            + " where send_key = ? and status = 'claimed'",
        sendKey);
  }

  static void confirm(JdbcTemplate jdbc, String sendKey, String providerMessageId, Instant sentAt) {
    jdbc.update(
        "update deliveries set status = 'sent', provider_message_id = ?, sent_at = ?"
            + " where send_key = ? and status = 'claimed'",
        providerMessageId,
        Timestamp.from(sentAt),
        sendKey);
  }

  static void fail(JdbcTemplate jdbc, String sendKey, String reason) {
    jdbc.update(
        "update deliveries set status = 'failed', reason = ? where send_key = ? and status ="
            + " 'claimed'",
        reason,
        sendKey);
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
