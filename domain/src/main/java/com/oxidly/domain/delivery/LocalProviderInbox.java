package com.oxidly.domain.delivery;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the built-in SMS and push providers of local mode received, as a phone would show it. The
 * recipient is matched to a customer (by phone, or by push token) for the Dev Outbox.
 */
@Component
public class LocalProviderInbox {

  private final JdbcTemplate jdbc;

  LocalProviderInbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records one received message.
   *
   * @param provider {@code sms} or {@code push}
   * @param payload the request as received, for inspection
   */
  public void record(
      String provider,
      String messageId,
      String recipient,
      String title,
      String body,
      String payload) {
    UUID customer =
        jdbc
            .query(
                "sms".equals(provider)
                    ? "select customer_uuid from customers where phone = ? limit 1"
                    : "select customer_uuid from customers where attributes->>'push_token' = ?"
                        + " limit 1",
                (rs, n) -> rs.getObject(1, UUID.class),
                recipient)
            .stream()
            .findFirst()
            .orElse(null);
    jdbc.update(
        "insert into local_provider_messages (provider, message_id, recipient, customer_uuid,"
            + " title, body, payload) values (?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (message_id) do nothing",
        provider,
        messageId,
        recipient,
        customer,
        title,
        body,
        payload);
  }
}
