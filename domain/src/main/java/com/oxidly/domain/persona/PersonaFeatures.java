package com.oxidly.domain.persona;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads customers' raw persona features from PostgreSQL, one vector per customer in the column
 * order of {@link #layout}; NaN marks a value the customer does not have.
 *
 * <ul>
 *   <li>recency: days since the last counted order, or since signing up for a customer who never
 *       ordered (the time without a purchase either way);
 *   <li>frequency and monetary: counted orders and total spent (log-scaled);
 *   <li>engagement and sentiment scores as stored (missing when not scored);
 *   <li>age band: the middle of the customer's ten-year band (missing without a year of birth);
 *   <li>consent per channel: 1 opted in, 0 not;
 *   <li>category mix: each category's share of the customer's counted spending (missing for a
 *       customer who bought nothing).
 * </ul>
 */
final class PersonaFeatures {

  static final int RECENCY = 0;
  static final int ORDERS = 1;
  static final int SPENT = 2;
  static final int ENGAGEMENT = 3;
  static final int SENTIMENT = 4;
  static final int AGE = 5;
  static final int EMAIL = 6;
  static final int SMS = 7;
  static final int PUSH = 8;
  static final int FIRST_CATEGORY = 9;

  private static final String CUSTOMERS =
      """
      select customer_uuid, coalesce(last_order_at, signup_date) as without_purchase_since,
             order_count, total_spent, engagement_score, sentiment_score, year_of_birth,
             email_opt_in, sms_opt_in, push_opt_in
        from customers
       where customer_uuid = any(?)
      """;

  /*
   * Items through a lateral sub-select that cannot be flattened (offset 0): each order's items are
   * read by primary key, where a join lets PostgreSQL hash every order item of the store.
   */
  private static final String SPENDING =
      """
      select o.customer_uuid, i.sku, i.amount
        from orders o
        cross join lateral (
          select x.sku, x.quantity * x.unit_price as amount
            from order_items x
           where x.order_id = o.order_id
          offset 0) i
       where o.customer_uuid = any(?)
         and o.status not in ('cancelled', 'refunded')
      """;

  private final JdbcTemplate jdbc;

  PersonaFeatures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The store's product categories, sorted: the category-mix columns. */
  List<String> categories() {
    return jdbc.queryForList(
        "select distinct btrim(category) from products where btrim(category) <> '' order by 1",
        String.class);
  }

  /** The columns for these categories, before fitting (mean and scale unset). */
  static List<FeatureSpace.Column> layout(List<String> categories) {
    List<FeatureSpace.Column> columns = new ArrayList<>();
    columns.add(column("recency_days", "days since last purchase", "days", true, 1));
    columns.add(column("orders", "orders", "orders", true, 1));
    columns.add(column("total_spent", "total spent", "amount", true, 1));
    columns.add(column("engagement", "engagement", "score", false, 1));
    columns.add(column("sentiment", "sentiment", "score", false, 1));
    columns.add(column("age", "age", "years", false, 1));
    double consent = 1 / Math.sqrt(3);
    columns.add(column("email_opt_in", "email consent", "share", false, consent));
    columns.add(column("sms_opt_in", "SMS consent", "share", false, consent));
    columns.add(column("push_opt_in", "push consent", "share", false, consent));
    double mix = categories.isEmpty() ? 0 : 1 / Math.sqrt(categories.size());
    for (String category : categories) {
      columns.add(column("category:" + category, category + " share", "share", false, mix));
    }
    return columns;
  }

  private static FeatureSpace.Column column(
      String key, String label, String unit, boolean log, double weight) {
    return new FeatureSpace.Column(key, label, unit, log, 0, 0, weight);
  }

  /** Up to {@code size} customers in an order unrelated to their data (a hash of the id). */
  List<UUID> sample(int size) {
    return jdbc.queryForList(
        "select customer_uuid from customers order by md5(customer_uuid::text), customer_uuid"
            + " limit ?",
        UUID.class,
        size);
  }

  /** The next {@code size} customers after {@code after} (null: from the first), in id order. */
  List<UUID> page(UUID after, int size) {
    return after == null
        ? jdbc.queryForList(
            "select customer_uuid from customers order by customer_uuid limit ?", UUID.class, size)
        : jdbc.queryForList(
            "select customer_uuid from customers where customer_uuid > ?"
                + " order by customer_uuid limit ?",
            UUID.class,
            after,
            size);
  }

  /**
   * Raw feature vectors of these customers, in the given order (customers that no longer exist are
   * left out).
   *
   * @param now recency is counted to this instant and age in this year of the store's zone
   */
  Map<UUID, double[]> raw(List<UUID> ids, List<String> categories, Instant now, ZoneId zone) {
    UUID[] array = ids.toArray(UUID[]::new);
    int year = now.atZone(zone).getYear();
    Map<UUID, double[]> rows = new HashMap<>();
    jdbc.query(
        CUSTOMERS,
        row -> {
          double[] raw = new double[FIRST_CATEGORY + categories.size()];
          java.util.Arrays.fill(raw, FIRST_CATEGORY, raw.length, Double.NaN);
          Timestamp since = row.getTimestamp("without_purchase_since");
          raw[RECENCY] = Math.max(0, Duration.between(since.toInstant(), now).toMinutes() / 1440.0);
          raw[ORDERS] = row.getInt("order_count");
          raw[SPENT] = row.getBigDecimal("total_spent").doubleValue();
          raw[ENGAGEMENT] = number(row.getObject("engagement_score"));
          raw[SENTIMENT] = number(row.getObject("sentiment_score"));
          Object born = row.getObject("year_of_birth");
          raw[AGE] = born == null ? Double.NaN : ageBand(year - ((Number) born).intValue());
          raw[EMAIL] = row.getBoolean("email_opt_in") ? 1 : 0;
          raw[SMS] = row.getBoolean("sms_opt_in") ? 1 : 0;
          raw[PUSH] = row.getBoolean("push_opt_in") ? 1 : 0;
          rows.put(row.getObject("customer_uuid", UUID.class), raw);
        },
        (Object) array);
    addCategoryMix(rows, array, categories);
    Map<UUID, double[]> ordered = new LinkedHashMap<>();
    for (UUID id : ids) {
      double[] raw = rows.get(id);
      if (raw != null) {
        ordered.put(id, raw);
      }
    }
    return ordered;
  }

  private void addCategoryMix(Map<UUID, double[]> rows, UUID[] ids, List<String> categories) {
    if (categories.isEmpty()) {
      return;
    }
    Map<String, Integer> column = new HashMap<>();
    for (int c = 0; c < categories.size(); c++) {
      column.put(categories.get(c), FIRST_CATEGORY + c);
    }
    Map<String, Integer> skuColumn = new HashMap<>();
    jdbc.query(
        "select sku, btrim(category) as category from products",
        row -> {
          Integer c = column.get(row.getString("category"));
          if (c != null) {
            skuColumn.put(row.getString("sku"), c);
          }
        });
    Map<UUID, double[]> spending = new HashMap<>();
    jdbc.query(
        SPENDING,
        row -> {
          UUID customer = row.getObject("customer_uuid", UUID.class);
          double[] raw = rows.get(customer);
          Integer c = skuColumn.get(row.getString("sku"));
          if (raw == null || c == null) {
            return;
          }
          spending.computeIfAbsent(customer, k -> new double[raw.length])[c] +=
              row.getBigDecimal("amount").doubleValue();
        },
        (Object) ids);
    spending.forEach(
        (customer, amounts) -> {
          double total = 0;
          for (int c = FIRST_CATEGORY; c < amounts.length; c++) {
            total += amounts[c];
          }
          if (total > 0) {
            double[] raw = rows.get(customer);
            for (int c = FIRST_CATEGORY; c < amounts.length; c++) {
              raw[c] = amounts[c] / total;
            }
          }
        });
  }

  /** The middle of the ten-year band an age falls in (15 for under 20, 75 for 70 and over). */
  static double ageBand(int age) {
    int band = Math.max(10, Math.min(70, age / 10 * 10));
    return band + 5;
  }

  private static double number(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }
}
