package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The in-app channel: messages are stored for the customer and read by the shop's app through the
 * API. Storing is idempotent per send key, so a re-sent claim never shows a banner twice.
 */
@Component
public class InAppMessages implements MessageTransport {

  /** One stored message, newest first in {@link #recent}. */
  public record InAppMessage(
      long id, String sendKey, String title, String html, String body, Instant createdAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  InAppMessages(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Channel channel() {
    return Channel.IN_APP;
  }

  @Override
  public TransportResult send(OutgoingMessage message) {
    jdbc.update(
        "insert into in_app_messages (send_key, customer_uuid, title, html, body, created_at)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (send_key) do nothing",
        message.sendKey(),
        message.customerUuid(),
        message.subject(),
        message.html(),
        message.text(),
        Timestamp.from(clock.instant()));
    Long id =
        jdbc.queryForObject(
            "select id from in_app_messages where send_key = ?", Long.class, message.sendKey());
    return TransportResult.accepted("in-app-" + id);
  }

  /** The customer's latest messages, newest first, at most {@code limit} (1-200). */
  public List<InAppMessage> recent(UUID customer, int limit) {
    return jdbc.query(
        "select id, send_key, title, html, body, created_at from in_app_messages"
            + " where customer_uuid = ? order by created_at desc, id desc limit ?",
        (rs, n) ->
            new InAppMessage(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant()),
        customer,
        Math.clamp(limit, 1, 200));
  }
}
