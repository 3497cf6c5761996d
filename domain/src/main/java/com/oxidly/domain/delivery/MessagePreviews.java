package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.messaging.MessageTemplates;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A template rendered for a real customer, as the builder's preview shows it: the same variables a
 * send gets (customer, recommendations, the trigger's properties), through the same Liquid. It has
 * no side effects: no language-model variant (that is written per send and costs a call), no
 * tracked links, nothing logged.
 */
@Service
public class MessagePreviews {

  /** The parts as the customer would read them before AI personalisation and link tracking. */
  public record Preview(UUID customerUuid, String subject, String html, String text) {}

  private final JdbcTemplate jdbc;
  private final MessageRenderer renderer;
  private final Clock clock;

  MessagePreviews(JdbcTemplate jdbc, MessageRenderer renderer, Clock clock) {
    this.jdbc = jdbc;
    this.renderer = renderer;
    this.clock = clock;
  }

  /**
   * Renders {@code template} for the customer with this email.
   *
   * @param variables what the trigger would carry (e.g. {@code cart_id})
   * @return empty when no customer has this email
   * @throws MessageTemplates.TemplateException naming the part that cannot be rendered
   */
  public Optional<Preview> forCustomer(
      String email,
      Channel channel,
      MessageClass messageClass,
      MessageTemplate template,
      Map<String, String> variables) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    Optional<UUID> customer =
        jdbc
            .query(
                "select customer_uuid from customers where lower(email) = lower(?) limit 1",
                (rs, n) -> rs.getObject(1, UUID.class),
                email.strip())
            .stream()
            .findFirst();
    return customer
        .flatMap(uuid -> DeliveryLog.facts(jdbc, uuid, false))
        .map(
            facts -> {
              Send send =
                  new Send(
                      "preview:" + facts.uuid(),
                      "preview",
                      null,
                      facts.uuid(),
                      channel,
                      messageClass == null ? MessageClass.MARKETING : messageClass,
                      template,
                      variables,
                      clock.instant());
              Map<String, Object> values = renderer.variables(send, facts);
              return new Preview(
                  facts.uuid(),
                  MessageTemplates.render("subject", template.subject(), values),
                  MessageTemplates.render("html", template.html(), values),
                  MessageTemplates.render("text", template.text(), values));
            });
  }
}
