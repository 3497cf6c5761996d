package com.oxidly.domain.dashboard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Everything that happened to one customer, read from PostgreSQL for the customer dashboard: one
 * timeline of orders (with their items), reviews and interactions (with their sentiment), messages
 * sent or suppressed (with the reason) and consent changes; and the monthly series behind its
 * charts. Read-only; every query is bounded by the customer's primary or foreign key index.
 */
@Component
public class CustomerHistory {

  /** Most entries of each kind in one timeline (the newest). */
  public static final int MOST_PER_KIND = 200;

  private final JdbcTemplate jdbc;

  CustomerHistory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What the timeline shows for an entry. */
  public enum Kind {
    ORDER,
    REVIEW,
    INTERACTION,
    MESSAGE,
    CONSENT
  }

  /**
   * One line of the timeline.
   *
   * @param title what happened ("Order 1042", "Review of Espresso Beans")
   * @param detail the content (items, text, subject, reason)
   * @param state a short status (order status, star rating, sentiment label, sent/suppressed)
   * @param amount money involved (order total), null for others
   */
  public record Entry(
      Instant at, Kind kind, String title, String detail, String state, BigDecimal amount) {}

  /**
   * Counted orders and spend per calendar month (UTC), months without orders included.
   *
   * @param spent sum of counted order totals, in the store currency
   */
  public record Month(YearMonth month, int orders, BigDecimal spent) {}

  /**
   * A point of a per-event series.
   *
   * @param value a star rating (1-5) or a sentiment score (-1..1)
   */
  public record Point(Instant at, double value) {}

  /** A change of consent on one channel, newest first in lists. */
  public record ConsentChange(Instant at, String channel, boolean optedIn, String source) {}

  /** The timeline, newest first: at most {@link #MOST_PER_KIND} entries of each kind. */
  public List<Entry> timeline(UUID customer) {
    List<Entry> entries = new ArrayList<>();
    entries.addAll(orders(customer));
    entries.addAll(
        jdbc.query(
            """
            select r.created_at, coalesce(p.name, r.sku) as product, r.rating, r.title, r.body,
                   r.sentiment_label, r.sentiment_score
              from reviews r left join products p using (sku)
             where r.customer_uuid = ? order by r.created_at desc limit ?\
            """,
            (rs, n) ->
                new Entry(
                    instant(rs, "created_at"),
                    Kind.REVIEW,
                    "Review of " + rs.getString("product"),
                    joined(rs.getString("title"), rs.getString("body")),
                    rs.getInt("rating") + "★" + sentiment(rs),
                    null),
            customer,
            MOST_PER_KIND));
    entries.addAll(
        jdbc.query(
            """
            select created_at, type, channel, subject, body, status, sentiment_label,
                   sentiment_score
              from interactions where customer_uuid = ? order by created_at desc limit ?\
            """,
            (rs, n) ->
                new Entry(
                    instant(rs, "created_at"),
                    Kind.INTERACTION,
                    words(rs.getString("type"))
                        + (rs.getString("channel") == null ? "" : " by " + rs.getString("channel")),
                    joined(rs.getString("subject"), rs.getString("body")),
                    joinedState(rs.getString("status"), sentiment(rs)),
                    null),
            customer,
            MOST_PER_KIND));
    entries.addAll(
        jdbc.query(
            """
            select coalesce(sent_at, decided_at) as at, source, channel, status, reason, subject
              from deliveries where customer_uuid = ? order by decided_at desc limit ?\
            """,
            (rs, n) ->
                new Entry(
                    instant(rs, "at"),
                    Kind.MESSAGE,
                    words(rs.getString("channel")) + " from " + rs.getString("source"),
                    rs.getString("reason") != null
                        ? "Reason: " + rs.getString("reason")
                        : rs.getString("subject"),
                    rs.getString("status"),
                    null),
            customer,
            MOST_PER_KIND));
    for (ConsentChange change : consentHistory(customer)) {
      entries.add(
          new Entry(
              change.at(),
              Kind.CONSENT,
              words(change.channel())
                  + (change.optedIn() ? " consent given" : " consent withdrawn"),
              change.source() == null ? null : "Source: " + change.source(),
              change.optedIn() ? "opted in" : "opted out",
              null));
    }
    entries.sort(Comparator.comparing(Entry::at).reversed());
    return entries;
  }

  /** Consent changes per channel, newest first. */
  public List<ConsentChange> consentHistory(UUID customer) {
    return jdbc.query(
        """
        select occurred_at, channel, opted_in, source from consent_events
         where customer_uuid = ? order by occurred_at desc, id desc limit ?\
        """,
        (rs, n) ->
            new ConsentChange(
                instant(rs, "occurred_at"),
                rs.getString("channel"),
                rs.getBoolean("opted_in"),
                rs.getString("source")),
        customer,
        MOST_PER_KIND);
  }

  /**
   * Counted orders and spend for each of the {@code months} calendar months up to {@code until}'s.
   */
  public List<Month> monthly(UUID customer, Instant until, int months) {
    YearMonth last = YearMonth.from(until.atOffset(ZoneOffset.UTC));
    YearMonth first = last.minusMonths(months - 1L);
    Map<YearMonth, Month> byMonth = new LinkedHashMap<>();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      byMonth.put(month, new Month(month, 0, BigDecimal.ZERO));
    }
    jdbc.query(
        """
        select date_trunc('month', ordered_at at time zone 'UTC') as month, count(*) as orders,
               sum(total) as spent
          from orders
         where customer_uuid = ? and status not in ('cancelled', 'refunded')
           and ordered_at >= ? and ordered_at < ?
         group by 1\
        """,
        rs -> {
          YearMonth month = YearMonth.from(rs.getTimestamp("month").toLocalDateTime());
          byMonth.put(month, new Month(month, rs.getInt("orders"), rs.getBigDecimal("spent")));
        },
        customer,
        Timestamp.from(first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
        Timestamp.from(last.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
    return List.copyOf(byMonth.values());
  }

  /** Star ratings of the customer's reviews, oldest first. */
  public List<Point> ratings(UUID customer) {
    return jdbc.query(
        """
        select created_at, rating from (
          select created_at, rating from reviews where customer_uuid = ?
           order by created_at desc limit ?) newest order by created_at\
        """,
        (rs, n) -> new Point(instant(rs, "created_at"), rs.getInt("rating")),
        customer,
        MOST_PER_KIND);
  }

  /** Sentiment scores of the customer's reviews and interactions, oldest first. */
  public List<Point> sentiment(UUID customer) {
    return jdbc.query(
        """
        select at, score from (
          select created_at as at, sentiment_score as score from reviews
           where customer_uuid = ? and sentiment_score is not null
          union all
          select created_at, sentiment_score from interactions
           where customer_uuid = ? and sentiment_score is not null
           order by 1 desc limit ?) newest order by at\
        """,
        (rs, n) -> new Point(instant(rs, "at"), rs.getDouble("score")),
        customer,
        customer,
        MOST_PER_KIND);
  }

  private List<Entry> orders(UUID customer) {
    return jdbc.query(
        """
        select o.order_id, o.ordered_at, o.status, o.total, o.currency,
               (select string_agg(i.quantity || ' × ' || coalesce(p.name, i.sku), ', '
                                  order by coalesce(p.name, i.sku))
                  from order_items i left join products p using (sku)
                 where i.order_id = o.order_id) as items
          from orders o where o.customer_uuid = ? order by o.ordered_at desc limit ?\
        """,
        (rs, n) ->
            new Entry(
                instant(rs, "ordered_at"),
                Kind.ORDER,
                "Order " + rs.getString("order_id"),
                rs.getString("items"),
                rs.getString("status"),
                rs.getBigDecimal("total")),
        customer,
        MOST_PER_KIND);
  }

  private static String sentiment(ResultSet rs) throws SQLException {
    String label = rs.getString("sentiment_label");
    return label == null
        ? ""
        : " · " + label + " (" + String.format("%+.2f", rs.getDouble("sentiment_score")) + ")";
  }

  private static String joined(String first, String second) {
    if (first == null || first.isBlank()) {
      return second;
    }
    return second == null || second.isBlank() ? first : first + " — " + second;
  }

  private static String joinedState(String status, String sentiment) {
    String state = status == null ? "" : status;
    return (state + sentiment).replaceFirst("^ · ", "");
  }

  /** "support_ticket" as "Support ticket". */
  private static String words(String key) {
    if (key == null || key.isEmpty()) {
      return "";
    }
    String spaced = key.replace('_', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
