package com.oxidly.domain.delivery;

import com.oxidly.domain.text.Sha256;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What customers do with a message: opens and clicks become interactions ({@code
 * campaign_response}, channel email) and an unsubscribe withdraws email consent. All idempotent: a
 * reloaded pixel, a second click on the same link or a repeated unsubscribe adds nothing.
 */
@Component
public class DeliveryTracking {

  /** Whom an unsubscribe token concerns, for the confirmation page. */
  public record Recipient(UUID customerUuid, String email, boolean optedIn) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Links links;
  private final Clock clock;

  DeliveryTracking(JdbcTemplate jdbc, TransactionTemplate transactions, Links links, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.links = links;
    this.clock = clock;
  }

  /** Records an open; false when the token is not a valid open token of a known send. */
  public boolean opened(String token) {
    return links
        .verify(token, Links.Kind.OPEN)
        .map(t -> interaction(t.sendKey(), "open", "opened"))
        .orElse(false);
  }

  /** Records a click and returns where it goes; empty when the token is not valid. */
  public Optional<String> clicked(String token) {
    return links
        .verify(token, Links.Kind.CLICK)
        .filter(
            t ->
                t.url() != null
                    && (t.url().startsWith("https://") || t.url().startsWith("http://")))
        .filter(t -> interaction(t.sendKey(), "click:" + t.url(), truncate("clicked " + t.url())))
        .map(Links.Token::url);
  }

  /** Whom an unsubscribe token is for; empty when it is not valid. */
  public Optional<Recipient> recipient(String token) {
    return links
        .verify(token, Links.Kind.UNSUBSCRIBE)
        .flatMap(
            t ->
                jdbc
                    .query(
                        "select c.customer_uuid, c.email, c.email_opt_in from deliveries d"
                            + " join customers c on c.customer_uuid = d.customer_uuid"
                            + " where d.send_key = ?",
                        (rs, n) ->
                            new Recipient(
                                rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)),
                        t.sendKey())
                    .stream()
                    .findFirst());
  }

  /**
   * Withdraws the email consent of the token's customer (RFC 8058 one-click or the confirmation
   * page) and records a consent event with source {@code unsubscribe} when it changed anything.
   *
   * @return whom it concerned; empty when the token is not valid
   */
  public Optional<Recipient> unsubscribe(String token) {
    Optional<Recipient> recipient = recipient(token);
    recipient.ifPresent(
        r ->
            transactions.executeWithoutResult(
                status -> {
                  Timestamp now = Timestamp.from(clock.instant());
                  int changed =
                      jdbc.update(
                          "update customers set email_opt_in = false, email_consent_at = ?,"
                              + " updated_at = ?, version = version + 1"
                              + " where customer_uuid = ? and email_opt_in",
                          now,
                          now,
                          r.customerUuid());
                  if (changed > 0) {
                    jdbc.update(
                        "insert into consent_events (customer_uuid, channel, opted_in, source,"
                            + " occurred_at) values (?, 'email', false, 'unsubscribe', ?)",
                        r.customerUuid(),
                        now);
                  }
                }));
    return recipient.map(r -> new Recipient(r.customerUuid(), r.email(), false));
  }

  private boolean interaction(String sendKey, String what, String subject) {
    String id = "delivery-" + Sha256.hex(sendKey + "\n" + what).substring(0, 40);
    int found =
        jdbc.update(
            "insert into interactions (interaction_id, customer_uuid, type, channel, subject,"
                + " created_at) select ?, d.customer_uuid, 'campaign_response', d.channel, ?, ?"
                + " from deliveries d where d.send_key = ? on conflict (interaction_id) do nothing",
            id,
            subject,
            Timestamp.from(clock.instant()),
            sendKey);
    return found > 0
        || jdbc.queryForObject(
                "select count(*) from interactions where interaction_id = ?", Integer.class, id)
            > 0;
  }

  private static String truncate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500);
  }
}
