package com.oxidly.domain.delivery;

import com.oxidly.domain.ai.JsonRequest;
import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.messaging.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A language model's personalised variant of a rendered message, when the template has an AI brief
 * and a model is configured. The variant is stored per send key, so a retried send repeats the same
 * words (and asks the model once). Any model failure or unusable answer falls back to the template
 * as rendered: a message is never lost to the model.
 */
@Component
class AiVariants {

  private static final Logger log = LoggerFactory.getLogger(AiVariants.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Longest part accepted from the model; SMS text is further limited to what a phone shows. */
  private static final int MAX_PART = 100_000;

  private static final int MAX_SMS = 1_600;

  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "subject", Map.of("type", "string"),
              "html", Map.of("type", "string"),
              "text", Map.of("type", "string")),
          "required",
          List.of("subject", "html", "text"),
          "additionalProperties",
          false);

  private static final String INSTRUCTIONS =
      """
      You personalise one message of an online store for one customer. You get the marketer's \
      brief, the channel, facts about the customer and the message as the template renders it. \
      Rewrite it following the brief for this customer. Keep every link, price, code and offer \
      exactly as given; never invent discounts, products or facts. Answer the same parts: \
      subject, html and text; a part the message does not have is an empty string. html must \
      stay valid HTML for email; text is plain text (for SMS at most 300 characters).\
      """;

  private final LanguageModel model;
  private final JdbcTemplate jdbc;

  AiVariants(LanguageModel model, JdbcTemplate jdbc) {
    this.model = model;
    this.jdbc = jdbc;
  }

  Rendered personalise(Send send, CustomerFacts customer, Rendered rendered) {
    String brief = send.template().aiBrief();
    if (brief == null || brief.isBlank() || !model.configured()) {
      return rendered;
    }
    List<Rendered> cached = cached(send.sendKey());
    if (!cached.isEmpty()) {
      return cached.getFirst();
    }
    Rendered variant;
    try {
      String answer =
          model.json(
              new JsonRequest(
                  "message_variant", INSTRUCTIONS, input(send, customer, rendered, brief), SCHEMA));
      variant = accept(send.channel(), rendered, JSON.readTree(answer));
    } catch (RuntimeException e) {
      log.warn(
          "AI variant of {} not used, the template is sent as is: {}",
          send.sendKey(),
          e.getMessage());
      return rendered;
    }
    jdbc.update(
        "insert into delivery_ai_variants (send_key, model, subject, html, body_text)"
            + " values (?, ?, ?, ?, ?) on conflict (send_key) do nothing",
        send.sendKey(),
        model.modelName(),
        variant.subject(),
        variant.html(),
        variant.text());
    // A concurrent attempt may have stored its variant first: everyone sends that one.
    return cached(send.sendKey()).stream().findFirst().orElse(variant);
  }

  private List<Rendered> cached(String sendKey) {
    return jdbc.query(
        "select subject, html, body_text from delivery_ai_variants where send_key = ?",
        (rs, n) -> new Rendered(rs.getString(1), rs.getString(2), rs.getString(3), true),
        sendKey);
  }

  /** The model's parts where the template has them; a missing or oversized one rejects it all. */
  private static Rendered accept(Channel channel, Rendered template, JsonNode answer) {
    String subject = part(answer, "subject", template.subject(), MAX_PART);
    String html = part(answer, "html", template.html(), MAX_PART);
    String text =
        part(answer, "text", template.text(), channel == Channel.SMS ? MAX_SMS : MAX_PART);
    return new Rendered(subject, html, text, true);
  }

  private static String part(JsonNode answer, String name, String templatePart, int max) {
    if (templatePart == null) {
      return null;
    }
    JsonNode value = answer.get(name);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException("the model's answer has no " + name);
    }
    if (value.asString().length() > max) {
      throw new IllegalArgumentException("the model's " + name + " is longer than " + max);
    }
    return value.asString();
  }

  private static String input(Send send, CustomerFacts customer, Rendered rendered, String brief) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("brief", brief);
    input.put("channel", send.channel().key());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("first_name", customer.firstName());
    facts.put("city", customer.city());
    facts.put("country", customer.country());
    facts.put("language", customer.language());
    facts.put("persona", customer.persona());
    facts.put("order_count", customer.orderCount());
    facts.put("total_spent", customer.totalSpent());
    facts.values().removeIf(java.util.Objects::isNull);
    input.put("customer", facts);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("subject", rendered.subject());
    message.put("html", rendered.html());
    message.put("text", rendered.text());
    message.values().removeIf(java.util.Objects::isNull);
    input.put("message", message);
    return JSON.writeValueAsString(input);
  }
}
