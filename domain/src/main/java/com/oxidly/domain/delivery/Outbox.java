package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every message that went out, newest first, for the Dev Outbox: email and in-app from the delivery
 * log (as sent), SMS and push as the local providers received them.
 */
@Component
public class Outbox {

  /** One message as it went out. */
  public record Entry(
      Instant at,
      Channel channel,
      UUID customerUuid,
      String customerEmail,
      String recipient,
      String subject,
      String html,
      String text,
      String sendKey) {}

  private final JdbcTemplate jdbc;

  Outbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The latest messages.
   *
   * @param channel only this channel; null for all
   * @param customer only customers whose email or uuid contains this text; blank for all
   * @param limit at most this many (1-1000)
   */
  public List<Entry> recent(Channel channel, String customer, int limit) {
    String filter = customer == null ? "" : customer.strip().toLowerCase(java.util.Locale.ROOT);
    List<Object> args = new ArrayList<>();
    String sql =
        """
        select * from (
          select d.sent_at as at, d.channel, d.customer_uuid, c.email as customer_email, d.recipient,
                 d.subject, d.body_html as html, d.body_text as text, d.send_key
            from deliveries d join customers c on c.customer_uuid = d.customer_uuid
           where d.status = 'sent' and d.channel in ('email', 'in_app')
          union all
          select m.received_at, m.provider, m.customer_uuid, c.email, m.recipient, m.title, null,
                 m.body, m.message_id
            from local_provider_messages m left join customers c on c.customer_uuid = m.customer_uuid
        ) o
        where (?::text is null or o.channel = ?::text)
          and (?::text = '' or lower(coalesce(o.customer_email, '')) like '%' || ?::text || '%'
               or o.customer_uuid::text like '%' || ?::text || '%' or o.recipient like '%' || ?::text || '%')
        order by o.at desc limit ?
        """;
    String key = channel == null ? null : channel.key();
    args.add(key);
    args.add(key);
    for (int i = 0; i < 4; i++) {
      args.add(filter);
    }
    args.add(Math.clamp(limit, 1, 1000));
    return jdbc.query(
        sql,
        (rs, n) ->
            new Entry(
                rs.getTimestamp("at").toInstant(),
                DeliveryLog.channel(rs.getString("channel")),
                rs.getObject("customer_uuid", UUID.class),
                rs.getString("customer_email"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("html"),
                rs.getString("text"),
                rs.getString("send_key")),
        args.toArray());
  }
}
