package com.oxidly.domain.search;

import com.oxidly.domain.query.TextFolding;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds customer documents from PostgreSQL: the profile, its aggregates and the per-customer
 * activity searches need (orders with their products, reviews, interactions) as nested objects.
 * Text that searches compare ignoring accents is folded here with {@link TextFolding}, because the
 * Elasticsearch distribution has no asciifolding filter.
 */
@Component
class CustomerDocuments {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SELECT_CUSTOMERS =
      """
      select customer_uuid, email, first_name, last_name, phone, year_of_birth, country, city,
             postal_code, time_zone, status, language, signup_date, email_opt_in, sms_opt_in,
             push_opt_in, tags, acquisition_channel, referred_by, attributes::text as attributes,
             total_spent, order_count, first_order_at, last_order_at, average_order_value,
             engagement_score, sentiment_score, predicted_clv, p_alive, expected_purchases,
             expected_average_spend, persona, segments, updated_at
        from customers
      """;

  private final JdbcTemplate jdbc;
  private final TextEmbeddings embeddings;

  CustomerDocuments(JdbcTemplate jdbc, TextEmbeddings embeddings) {
    this.jdbc = jdbc;
    this.embeddings = embeddings;
  }

  /** Documents of the next {@code size} customers after {@code afterUuid}, in uuid order. */
  List<Map<String, Object>> page(UUID afterUuid, int size) {
    List<Map<String, Object>> documents =
        afterUuid == null
            ? jdbc.query(SELECT_CUSTOMERS + " order by customer_uuid limit ?", this::profile, size)
            : jdbc.query(
                SELECT_CUSTOMERS + " where customer_uuid > ? order by customer_uuid limit ?",
                this::profile,
                afterUuid,
                size);
    return withActivity(documents);
  }

  /** Which of these customers exist now. */
  Set<UUID> existing(List<UUID> customerUuids) {
    if (customerUuids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.queryForList(
            "select customer_uuid from customers where customer_uuid = any(?)",
            UUID.class,
            (Object) customerUuids.toArray(UUID[]::new)));
  }

  /** Documents of these customers; customers that no longer exist are simply absent. */
  List<Map<String, Object>> of(List<UUID> customerUuids) {
    if (customerUuids.isEmpty()) {
      return List.of();
    }
    return withActivity(
        jdbc.query(
            SELECT_CUSTOMERS + " where customer_uuid = any(?)",
            this::profile,
            (Object) customerUuids.toArray(UUID[]::new)));
  }

  private List<Map<String, Object>> withActivity(List<Map<String, Object>> documents) {
    if (documents.isEmpty()) {
      return documents;
    }
    Map<String, Map<String, Object>> byUuid = new HashMap<>();
    for (Map<String, Object> document : documents) {
      document.put("orders", new ArrayList<>());
      document.put("reviews", new ArrayList<>());
      document.put("interactions", new ArrayList<>());
      byUuid.put((String) document.get("customer_uuid"), document);
    }
    UUID[] ids = byUuid.keySet().stream().map(UUID::fromString).toArray(UUID[]::new);
    // Names and categories come from the catalog in memory: joining products and order items in
    // the query lets PostgreSQL pick a hash join over every order item of the store once a page
    // holds a few thousand customers (8 s a page at a million customers), where the correlated
    // sub-select below always reads each order's items through the primary key.
    Map<String, String[]> catalog = catalog();
    jdbc.query(
        """
        select o.customer_uuid, o.order_id, o.ordered_at, o.status, o.total,
               array(select i.sku from order_items i where i.order_id = o.order_id) as skus
          from orders o
         where o.customer_uuid = any(?)
        """,
        row -> {
          Map<String, Object> order = new LinkedHashMap<>();
          order.put("order_id", row.getString("order_id"));
          order.put("ordered_at", instant(row.getTimestamp("ordered_at")));
          String status = row.getString("status");
          order.put("status", status);
          order.put("counted", !"cancelled".equals(status) && !"refunded".equals(status));
          order.put("total", row.getBigDecimal("total").doubleValue());
          List<String> products = new ArrayList<>();
          SortedSet<String> categories = new TreeSet<>();
          for (String sku : strings(row.getArray("skus"))) {
            String[] product = catalog.get(sku);
            if (product != null) {
              products.add(product[0]);
              categories.add(product[1]);
            }
          }
          order.put("products", products);
          order.put("categories", List.copyOf(categories));
          nested(byUuid, row, "orders").add(order);
        },
        (Object) ids);
    boolean vectors = embeddings.enabled();
    String vectorField = vectors ? embeddings.vectorField() : null;
    jdbc.query(
        "select r.customer_uuid, r.review_id, r.sku, r.rating, r.created_at, r.sentiment_label, "
            + TextEmbeddings.TextSource.REVIEW.text
            + " as text, "
            + (vectors ? "e.vector" : "null::real[] as vector")
            + " from reviews r"
            + (vectors ? TextEmbeddings.currentVectorJoin(TextEmbeddings.TextSource.REVIEW) : "")
            + " where r.customer_uuid = any(?)",
        row -> {
          Map<String, Object> review = new LinkedHashMap<>();
          review.put("review_id", row.getString("review_id"));
          review.put("sku", row.getString("sku"));
          review.put("rating", row.getInt("rating"));
          review.put("created_at", instant(row.getTimestamp("created_at")));
          review.put("sentiment_label", row.getString("sentiment_label"));
          review.put("text", row.getString("text"));
          putVector(review, vectorField, row.getArray("vector"));
          nested(byUuid, row, "reviews").add(review);
        },
        vectors ? new Object[] {embeddings.embeddingKey(), ids} : new Object[] {ids});
    jdbc.query(
        "select i.customer_uuid, i.interaction_id, i.type, i.channel, i.status, i.created_at, "
            + TextEmbeddings.TextSource.INTERACTION.text
            + " as text, "
            + (vectors ? "e.vector" : "null::real[] as vector")
            + " from interactions i"
            + (vectors
                ? TextEmbeddings.currentVectorJoin(TextEmbeddings.TextSource.INTERACTION)
                : "")
            + " where i.customer_uuid = any(?)",
        row -> {
          Map<String, Object> interaction = new LinkedHashMap<>();
          interaction.put("interaction_id", row.getString("interaction_id"));
          interaction.put("type", row.getString("type"));
          interaction.put("channel", row.getString("channel"));
          interaction.put("status", row.getString("status"));
          interaction.put("created_at", instant(row.getTimestamp("created_at")));
          interaction.put("text", row.getString("text"));
          putVector(interaction, vectorField, row.getArray("vector"));
          nested(byUuid, row, "interactions").add(interaction);
        },
        vectors ? new Object[] {embeddings.embeddingKey(), ids} : new Object[] {ids});
    return documents;
  }

  /** A text's vector, when it has a current one; texts without stay searchable by words. */
  private static void putVector(Map<String, Object> text, String field, Array vector)
      throws SQLException {
    if (field != null && vector != null) {
      text.put(field, TextEmbeddings.vector(vector));
    }
  }

  /**
   * Every product's name and category by sku, as searches compare them ({@link TextFolding#words}):
   * a few hundred rows, read and folded once per page rather than once per order item.
   */
  private Map<String, String[]> catalog() {
    Map<String, String[]> catalog = new HashMap<>();
    jdbc.query(
        "select sku, name, category from products",
        row -> {
          catalog.put(
              row.getString("sku"),
              new String[] {
                TextFolding.words(row.getString("name")),
                TextFolding.words(row.getString("category"))
              });
        });
    return catalog;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> nested(
      Map<String, Map<String, Object>> byUuid, ResultSet row, String field) throws SQLException {
    Map<String, Object> document =
        Objects.requireNonNull(byUuid.get(row.getString("customer_uuid")));
    return (List<Object>) document.get(field);
  }

  private Map<String, Object> profile(ResultSet row, int rowNumber) throws SQLException {
    Map<String, Object> doc = new LinkedHashMap<>();
    String email = row.getString("email");
    String first = row.getString("first_name");
    String last = row.getString("last_name");
    doc.put("customer_uuid", row.getString("customer_uuid"));
    doc.put("email", email);
    doc.put("email_domain", email.substring(email.indexOf('@') + 1));
    doc.put("first_name", first);
    doc.put("first_name_folded", TextFolding.fold(first));
    doc.put("last_name", last);
    doc.put("last_name_folded", TextFolding.fold(last));
    doc.put("full_name", last == null ? first : first + " " + last);
    doc.put("phone", row.getString("phone"));
    doc.put("year_of_birth", row.getObject("year_of_birth"));
    doc.put("country", row.getString("country"));
    doc.put("city", row.getString("city"));
    doc.put("city_folded", TextFolding.fold(row.getString("city")));
    doc.put("postal_code", row.getString("postal_code"));
    doc.put("time_zone", row.getString("time_zone"));
    doc.put("status", row.getString("status"));
    doc.put("language", row.getString("language"));
    doc.put("signup_date", instant(row.getTimestamp("signup_date")));
    doc.put("email_opt_in", row.getBoolean("email_opt_in"));
    doc.put("sms_opt_in", row.getBoolean("sms_opt_in"));
    doc.put("push_opt_in", row.getBoolean("push_opt_in"));
    doc.put("tags", strings(row.getArray("tags")));
    doc.put("acquisition_channel", row.getString("acquisition_channel"));
    doc.put("referred_by", row.getString("referred_by"));
    doc.put(
        "attributes",
        JSON.readValue(row.getString("attributes"), new TypeReference<Map<String, Object>>() {}));
    doc.put("total_spent", row.getBigDecimal("total_spent").doubleValue());
    doc.put("order_count", row.getInt("order_count"));
    doc.put("first_order_at", instant(row.getTimestamp("first_order_at")));
    doc.put("last_order_at", instant(row.getTimestamp("last_order_at")));
    doc.put("average_order_value", decimal(row.getBigDecimal("average_order_value")));
    doc.put("engagement_score", row.getObject("engagement_score"));
    doc.put("sentiment_score", row.getObject("sentiment_score"));
    doc.put("predicted_clv", decimal(row.getBigDecimal("predicted_clv")));
    doc.put("p_alive", row.getObject("p_alive"));
    doc.put("expected_purchases", row.getObject("expected_purchases"));
    doc.put("expected_average_spend", decimal(row.getBigDecimal("expected_average_spend")));
    doc.put("persona", row.getString("persona"));
    doc.put("segments", strings(row.getArray("segments")));
    doc.put("updated_at", instant(row.getTimestamp("updated_at")));
    return doc;
  }

  private static Double decimal(java.math.BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }

  private static String instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
