package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.messaging.MessageTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a send's template into the message's parts: Liquid with the customer, the send's variables
 * and product recommendations; then the language model's variant when the template has a brief;
 * then, for email, tracked links, an open pixel and (marketing) an unsubscribe footer.
 */
@Component
class MessageRenderer {

  /** Best sellers change slowly; a few minutes' staleness spares a full scan per message. */
  private static final Duration BEST_SELLERS_TTL = Duration.ofMinutes(5);

  private static final int RECOMMENDATIONS = 3;

  private static final Pattern LINK =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(https?://[^\"']+)\\2", Pattern.CASE_INSENSITIVE);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final Links links;
  private final AiVariants aiVariants;
  private final Clock clock;
  private final Map<String, BestSellers> bestSellers = new ConcurrentHashMap<>();

  private record BestSellers(List<Map<String, Object>> products, Instant loadedAt) {}

  MessageRenderer(JdbcTemplate jdbc, Links links, AiVariants aiVariants, Clock clock) {
    this.jdbc = jdbc;
    this.links = links;
    this.aiVariants = aiVariants;
    this.clock = clock;
  }

  /**
   * The message as it will be sent.
   *
   * @throws MessageTemplates.TemplateException naming the part when the template is broken
   */
  Rendered render(Send send, CustomerFacts customer) {
    MessageTemplate template = send.template();
    Map<String, Object> variables = variables(send, customer);
    Rendered rendered =
        new Rendered(
            MessageTemplates.render("subject", template.subject(), variables),
            MessageTemplates.render("html", template.html(), variables),
            MessageTemplates.render("text", template.text(), variables),
            false);
    rendered = aiVariants.personalise(send, customer, rendered);
    if (send.channel() == Channel.EMAIL) {
      rendered = decorateEmail(send, rendered);
    }
    return rendered;
  }

  Map<String, Object> variables(Send send, CustomerFacts customer) {
    Map<String, Object> variables = new HashMap<>(send.variables());
    variables.put("customer", customerVariables(customer));
    if (mentions(send.template(), "recommendations")) {
      variables.put("recommendations", recommendations(customer));
    }
    if (send.channel() == Channel.EMAIL && send.messageClass() == MessageClass.MARKETING) {
      variables.put("unsubscribe_url", links.unsubscribeUrl(send.sendKey()));
    }
    return variables;
  }

  private Rendered decorateEmail(Send send, Rendered rendered) {
    String html = rendered.html();
    String text = rendered.text();
    if (send.messageClass() == MessageClass.MARKETING) {
      String unsubscribe = links.unsubscribeUrl(send.sendKey());
      // Every marketing email lets the reader leave, even when the template forgot the link.
      if (html != null && !html.contains(unsubscribe)) {
        html =
            beforeBodyEnd(
                html,
                "<p style=\"font-size:12px;color:#666\"><a href=\""
                    + escape(unsubscribe)
                    + "\">Unsubscribe</a></p>");
      }
      if (text != null && !text.contains(unsubscribe)) {
        text = text + "\n\nUnsubscribe: " + unsubscribe;
      }
    }
    if (html != null) {
      html = trackLinks(send.sendKey(), html);
      html =
          beforeBodyEnd(
              html,
              "<img src=\""
                  + escape(links.openUrl(send.sendKey()))
                  + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">");
    }
    return new Rendered(rendered.subject(), html, text, rendered.aiVariant());
  }

  /** Rewrites http(s) links to signed click redirects; Oxidly's own links stay as they are. */
  String trackLinks(String sendKey, String html) {
    Matcher matcher = LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String url = unescape(matcher.group(3));
      String replacement =
          url.startsWith(links.baseUrl() + "/t/")
              ? matcher.group()
              : matcher.group(1)
                  + matcher.group(2)
                  + escape(links.clickUrl(sendKey, url))
                  + matcher.group(2);
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Enough unescaping for URLs in attributes, where only these entities occur in practice. */
  private static String unescape(String text) {
    return text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String beforeBodyEnd(String html, String snippet) {
    int end = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
    return end < 0 ? html + snippet : html.substring(0, end) + snippet + html.substring(end);
  }

  private static boolean mentions(MessageTemplate template, String name) {
    return (template.subject() != null && template.subject().contains(name))
        || (template.html() != null && template.html().contains(name))
        || (template.text() != null && template.text().contains(name));
  }

  private static Map<String, Object> customerVariables(CustomerFacts c) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("uuid", c.uuid().toString());
    customer.put("first_name", c.firstName());
    customer.put("last_name", c.lastName());
    customer.put("email", c.email());
    customer.put("phone", c.phone());
    customer.put("city", c.city());
    customer.put("country", c.country());
    customer.put("language", c.language());
    customer.put("total_spent", c.totalSpent());
    customer.put("order_count", c.orderCount());
    customer.put("persona", c.persona());
    customer.put("tags", c.tags());
    Object attributes = Map.of();
    try {
      attributes =
          c.attributesJson() == null ? Map.of() : JSON.readValue(c.attributesJson(), Map.class);
    } catch (RuntimeException unreadable) {
      // Attributes are free-form; a template simply does not see unreadable ones.
    }
    customer.put("attributes", attributes);
    customer.values().removeIf(java.util.Objects::isNull);
    return customer;
  }

  /**
   * A few products from the customer's most bought category they have not bought yet; best sellers
   * of the whole store fill up the rest (and stand in for customers without orders).
   */
  List<Map<String, Object>> recommendations(CustomerFacts customer) {
    List<String> categories =
        jdbc.queryForList(
            "select p.category from order_items oi join orders o on o.order_id = oi.order_id"
                + " join products p on p.sku = oi.sku where o.customer_uuid = ?"
                + " and o.status not in ('cancelled', 'refunded')"
                + " group by p.category order by sum(oi.quantity) desc, p.category limit 1",
            String.class,
            customer.uuid());
    List<String> bought =
        jdbc.queryForList(
            "select distinct oi.sku from order_items oi join orders o on o.order_id = oi.order_id"
                + " where o.customer_uuid = ?",
            String.class,
            customer.uuid());
    List<Map<String, Object>> picked = new ArrayList<>();
    if (!categories.isEmpty()) {
      pick(picked, bestSellers(categories.getFirst()), bought);
    }
    pick(picked, bestSellers(null), bought);
    return picked;
  }

  private static void pick(
      List<Map<String, Object>> picked, List<Map<String, Object>> candidates, List<String> bought) {
    for (Map<String, Object> product : candidates) {
      if (picked.size() >= RECOMMENDATIONS) {
        return;
      }
      if (!bought.contains(product.get("sku")) && !picked.contains(product)) {
        picked.add(product);
      }
    }
  }

  private List<Map<String, Object>> bestSellers(String category) {
    String key = category == null ? "" : category;
    BestSellers cached = bestSellers.get(key);
    Instant now = clock.instant();
    if (cached != null && cached.loadedAt().plus(BEST_SELLERS_TTL).isAfter(now)) {
      return cached.products();
    }
    List<Map<String, Object>> products =
        jdbc.query(
            "select p.sku, p.name, p.category, p.price, p.brand from products p"
                + " left join (select oi.sku, sum(oi.quantity) as sold from order_items oi"
                + " group by oi.sku) s on s.sku = p.sku"
                + " where p.active and (?::text is null or p.category = ?::text)"
                + " order by coalesce(s.sold, 0) desc, p.sku limit 20",
            (rs, n) -> {
              Map<String, Object> product = new LinkedHashMap<>();
              product.put("sku", rs.getString("sku"));
              product.put("name", rs.getString("name"));
              product.put("category", rs.getString("category"));
              product.put("price", rs.getBigDecimal("price"));
              if (rs.getString("brand") != null) {
                product.put("brand", rs.getString("brand"));
              }
              return Map.copyOf(product);
            },
            category,
            category);
    bestSellers.put(key, new BestSellers(List.copyOf(products), now));
    return products;
  }
}
