package com.oxidly.domain.messaging;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;

/**
 * Liquid for message templates: one strict parser (syntax errors and unknown filters or tags are
 * errors, never printed as text; {@code include} and {@code render} are refused because templates
 * must not read files), the check journeys and campaigns run when they are published, and
 * rendering.
 */
public final class MessageTemplates {

  /** Longest text a part may render to; a loop gone wild stops here instead of filling memory. */
  static final int MAX_RENDERED_CHARS = 1_000_000;

  private static final TemplateParser PARSER =
      new TemplateParser.Builder()
          .withErrorMode(TemplateParser.ErrorMode.STRICT)
          .withStrictVariables(false)
          .withMaxIterations(10_000)
          .withMaxSizeRenderedString(MAX_RENDERED_CHARS)
          .withNameResolver(
              name -> {
                throw new IOException("templates cannot include other files ('" + name + "')");
              })
          .build();

  /** Variables shaped like a real send's, so publish-time checks also render every part once. */
  private static final Map<String, Object> SAMPLE =
      Map.of(
          "customer",
          sampleCustomer(),
          "recommendations",
          List.of(
              Map.of(
                  "sku",
                  "SKU-1",
                  "name",
                  "Sample product",
                  "category",
                  "Sample",
                  "price",
                  new BigDecimal("19.99"),
                  "brand",
                  "Oxidly")),
          "unsubscribe_url",
          "https://example.com/unsubscribe");

  private MessageTemplates() {}

  /**
   * What is wrong with a template for a channel, one message per problem naming the part (e.g.
   * {@code "html: unknown filter 'shout' (line 1)"}); empty when it can be sent. Email needs a
   * subject and an html or text body, SMS needs text, push needs a subject (the title) and text,
   * in-app needs a subject or html. Every part is parsed and rendered once with sample values, so
   * runtime errors (unknown filters, bad arguments) show here rather than at send time.
   */
  public static List<String> problems(Channel channel, MessageTemplate template) {
    List<String> problems = new ArrayList<>();
    if (channel == null) {
      problems.add("channel: missing");
      return problems;
    }
    if (template == null) {
      problems.add("template: missing");
      return problems;
    }
    switch (channel) {
      case EMAIL -> {
        required(problems, "subject", template.subject());
        if (isBlank(template.html()) && isBlank(template.text())) {
          problems.add("html/text: an email needs an html or a text body");
        }
      }
      case SMS -> required(problems, "text", template.text());
      case PUSH -> {
        required(problems, "subject", template.subject());
        required(problems, "text", template.text());
      }
      case IN_APP -> {
        if (isBlank(template.subject()) && isBlank(template.html())) {
          problems.add("subject/html: an in-app message needs a subject or html");
        }
      }
    }
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("subject", template.subject());
    parts.put("html", template.html());
    parts.put("text", template.text());
    parts.forEach(
        (part, source) -> {
          if (source != null) {
            try {
              render(part, source, SAMPLE);
            } catch (TemplateException e) {
              problems.add(e.getMessage());
            }
          }
        });
    if (template.aiBrief() != null && template.aiBrief().length() > 2_000) {
      problems.add("aiBrief: longer than 2000 characters");
    }
    return problems;
  }

  /**
   * Renders one part.
   *
   * @param part the part's name, used in the error message (subject, html, text)
   * @return the rendered text; null when {@code source} is null
   * @throws TemplateException naming the part when the source is not valid Liquid or fails to
   *     render
   */
  public static String render(String part, String source, Map<String, Object> variables) {
    if (source == null) {
      return null;
    }
    Template template;
    try {
      template = PARSER.parse(source);
    } catch (RuntimeException e) {
      throw new TemplateException(part + ": " + describe(e), e);
    }
    try {
      return template.render(variables);
    } catch (RuntimeException e) {
      throw new TemplateException(part + ": " + describe(e), e);
    }
  }

  /** A template part that cannot be parsed or rendered; the message names the part. */
  public static final class TemplateException extends RuntimeException {
    TemplateException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static String describe(RuntimeException e) {
    Throwable cause = e;
    // Liqp wraps the real problem (unknown filter, include refused) in runtime exceptions.
    while (cause.getCause() != null && !(cause instanceof LiquidException)) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.strip().replaceAll("\\s+", " ");
  }

  private static void required(List<String> problems, String part, String value) {
    if (isBlank(value)) {
      problems.add(part + ": missing");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static Map<String, Object> sampleCustomer() {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("uuid", "00000000-0000-0000-0000-000000000000");
    customer.put("first_name", "Ada");
    customer.put("last_name", "Lovelace");
    customer.put("email", "ada@example.com");
    customer.put("phone", "+441234567890");
    customer.put("city", "London");
    customer.put("country", "GB");
    customer.put("language", "en");
    customer.put("total_spent", new BigDecimal("120.50"));
    customer.put("order_count", 3);
    customer.put("persona", "loyal");
    customer.put("tags", List.of());
    customer.put("attributes", Map.of());
    return customer;
  }
}
