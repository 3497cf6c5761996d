package com.oxidly.domain.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Compiles a query to a PostgreSQL condition over {@code customers c}: the reference executor that
 * defines what every other executor must return. Every condition compiles to a two-valued
 * expression (never NULL), so NOT means exactly "the others".
 */
final class PostgresQueryCompiler {

  private static final String COUNTED = "o.status not in ('cancelled', 'refunded')";

  private final Clock clock;
  private final ZoneId storeZone;
  private final MapSqlParameterSource parameters = new MapSqlParameterSource();
  private int next;

  private PostgresQueryCompiler(Clock clock, ZoneId storeZone) {
    this.clock = clock;
    this.storeZone = storeZone;
  }

  /** A compiled condition and its named parameters. */
  record SqlCondition(String sql, MapSqlParameterSource parameters) {}

  static SqlCondition compile(CustomerQuery query, Clock clock, ZoneId storeZone) {
    PostgresQueryCompiler compiler = new PostgresQueryCompiler(clock, storeZone);
    String sql = compiler.condition(query);
    return new SqlCondition(sql, compiler.parameters);
  }

  private String condition(CustomerQuery query) {
    return switch (query) {
      case CustomerQuery.All all -> "true";
      case CustomerQuery.And and ->
          and.all().stream().map(this::condition).collect(Collectors.joining(" and ", "(", ")"));
      case CustomerQuery.Or or ->
          or.any().stream().map(this::condition).collect(Collectors.joining(" or ", "(", ")"));
      case CustomerQuery.Not not -> "not " + condition(not.query());
      case CustomerQuery.Field field -> field(field.field(), field.comparison());
      case CustomerQuery.Spent spent ->
          spent.window() == null
              ? compare("c.total_spent", spent.comparison())
              : compare(
                  orderAggregate("coalesce(sum(o.total), 0)", spent.window()), spent.comparison());
      case CustomerQuery.OrderCount count ->
          count.window() == null
              ? compare("c.order_count", count.comparison())
              : compare(orderAggregate("count(*)", count.window()), count.comparison());
      case CustomerQuery.AverageOrderValue aov ->
          aov.window() == null
              ? compare("(c.total_spent / nullif(c.order_count, 0))", aov.comparison())
              : compare(
                  orderAggregate("sum(o.total) / nullif(count(*), 0)", aov.window()),
                  aov.comparison());
      case CustomerQuery.Bought bought -> bought(bought);
      case CustomerQuery.Reviewed reviewed -> reviewed(reviewed);
      case CustomerQuery.Interacted interacted -> interacted(interacted);
      case CustomerQuery.InSegment segment ->
          "exists (select 1 from unnest(c.segments) s where lower(s) = "
              + bind(segment.segment())
              + ")";
      case CustomerQuery.During during -> condition(during.resolve(clock, storeZone));
      case CustomerQuery.TopPercent top ->
          "coalesce(" + rankColumn("c", top.field()) + " >= " + topPercentCut(top) + ", false)";
      // Exact decimal seconds (extract returns numeric), so the two executors cannot round apart.
      case CustomerQuery.OrderOverdue overdue ->
          "(c.order_count >= 2 and coalesce(extract(epoch from "
              + bind(clock.instant())
              + " - c.last_order_at) > extract(epoch from c.last_order_at - c.first_order_at)"
              + " / (c.order_count - 1) * "
              + bind(overdue.factor())
              + ", false))";
    };
  }

  /** The column a rank is taken over, on the customers table aliased {@code alias}. */
  static String rankColumn(String alias, CustomerField field) {
    String column =
        switch (field) {
          case PREDICTED_CLV -> "predicted_clv";
          case P_ALIVE -> "p_alive";
          case ENGAGEMENT_SCORE -> "engagement_score";
          case SENTIMENT_SCORE -> "sentiment_score";
          case TOTAL_SPENT -> "total_spent";
          case ORDER_COUNT -> "order_count";
          default -> throw new IllegalArgumentException("no rank by " + field.code());
        };
    return alias + "." + column;
  }

  /**
   * A scalar subquery for the k-th highest value of the field, k = ceil(n * percent / 100) over the
   * n customers with a value; NULL when nobody has one. Uncorrelated, so PostgreSQL runs it once
   * per statement.
   */
  private String topPercentCut(CustomerQuery.TopPercent top) {
    String x = rankColumn("x", top.field());
    String y = rankColumn("y", top.field());
    return "(select "
        + x
        + " from customers x where "
        + x
        + " is not null order by "
        + x
        + " desc offset greatest(ceil((select count(*) from customers y where "
        + y
        + " is not null) * "
        + bind(top.percent())
        + " / 100.0)::bigint - 1, 0) limit 1)";
  }

  /**
   * The customers with at least one counted order in the window of {@code aggregate} (a {@link
   * CustomerQuery.Spent}, {@link CustomerQuery.OrderCount} or {@link
   * CustomerQuery.AverageOrderValue} with a window) whose aggregate over those orders satisfies its
   * comparison, in uuid order: the same customers as {@code aggregate and "a counted order in the
   * window"} under {@link #compile}, found in one grouped pass over the window's orders instead of
   * a probe of the orders of every customer.
   *
   * @throws IllegalArgumentException for any other condition, or one without a window
   */
  static SqlCondition withOrdersInWindowQuery(
      CustomerQuery aggregate, Clock clock, ZoneId storeZone) {
    PostgresQueryCompiler compiler = new PostgresQueryCompiler(clock, storeZone);
    String having =
        switch (aggregate) {
          case CustomerQuery.Spent spent when spent.window() != null ->
              compiler.grouped("sum(o.total)", spent.window(), spent.comparison());
          case CustomerQuery.OrderCount count when count.window() != null ->
              compiler.grouped("count(*)", count.window(), count.comparison());
          case CustomerQuery.AverageOrderValue aov when aov.window() != null ->
              compiler.grouped("sum(o.total) / count(*)", aov.window(), aov.comparison());
          default ->
              throw new IllegalArgumentException(
                  "not an aggregate over a time window: " + aggregate);
        };
    return new SqlCondition(having, compiler.parameters);
  }

  private String grouped(String aggregate, TimeWindow window, Comparison comparison) {
    return "select o.customer_uuid from orders o where "
        + COUNTED
        + windowOn("o.ordered_at", window)
        + " group by o.customer_uuid having "
        + compare(aggregate, comparison)
        + " order by o.customer_uuid";
  }

  /** The cut of {@link #topPercentCut} as a statement of its own. */
  static SqlCondition topPercentCutQuery(CustomerQuery.TopPercent top) {
    PostgresQueryCompiler compiler = new PostgresQueryCompiler(Clock.systemUTC(), ZoneId.of("UTC"));
    String sql = "select " + compiler.topPercentCut(top);
    return new SqlCondition(sql, compiler.parameters);
  }

  private String field(CustomerField field, Comparison comparison) {
    return switch (field) {
      case EMAIL -> compare("c.email", comparison);
      case EMAIL_DOMAIN -> compare("split_part(c.email, '@', 2)", comparison);
      case FIRST_NAME -> compareFolded("c.first_name", comparison);
      case LAST_NAME -> compareFolded("c.last_name", comparison);
      case NAME -> name(comparison);
      case CITY -> compareFolded("c.city", comparison);
      case COUNTRY -> compare("lower(c.country)", comparison);
      case STATUS -> compare("c.status", comparison);
      case LANGUAGE -> compare("lower(c.language)", comparison);
      case TIME_ZONE -> compare("lower(c.time_zone)", comparison);
      case ACQUISITION_CHANNEL -> compare("c.acquisition_channel", comparison);
      case REFERRED_BY -> compare("lower(c.referred_by)", comparison);
      case PERSONA -> compare("lower(c.persona)", comparison);
      case TAGS -> tags(comparison);
      case YEAR_OF_BIRTH -> compare("c.year_of_birth", comparison);
      case AGE ->
          compare(
              "(" + bind(clock.instant().atZone(storeZone).getYear()) + " - c.year_of_birth)",
              comparison);
      case SIGNUP_DATE -> compare("c.signup_date", comparison);
      case EMAIL_OPT_IN -> compare("c.email_opt_in", comparison);
      case SMS_OPT_IN -> compare("c.sms_opt_in", comparison);
      case PUSH_OPT_IN -> compare("c.push_opt_in", comparison);
      case TOTAL_SPENT -> compare("c.total_spent", comparison);
      case ORDER_COUNT -> compare("c.order_count", comparison);
      case FIRST_ORDER_AT -> compare("c.first_order_at", comparison);
      case LAST_ORDER_AT -> compare("c.last_order_at", comparison);
      case AVERAGE_ORDER_VALUE -> compare("(c.total_spent / nullif(c.order_count, 0))", comparison);
      case ENGAGEMENT_SCORE -> compare("c.engagement_score", comparison);
      case SENTIMENT_SCORE -> compare("c.sentiment_score", comparison);
      case PREDICTED_CLV -> compare("c.predicted_clv", comparison);
      case P_ALIVE -> compare("c.p_alive", comparison);
    };
  }

  private String name(Comparison comparison) {
    String first = TextFolding.sql("c.first_name");
    String last = TextFolding.sql("c.last_name");
    return switch (comparison.op()) {
      // "not named X": neither name is X.
      case NEQ ->
          "("
              + compareFolded("c.first_name", comparison)
              + " and "
              + compareFolded("c.last_name", comparison)
              + ")";
      case IS_SET, IS_NOT_SET -> compare(first, comparison);
      default ->
          "("
              + compare(first, foldValues(comparison))
              + " or "
              + compare(last, foldValues(comparison))
              + ")";
    };
  }

  private String tags(Comparison comparison) {
    String contains = "exists (select 1 from unnest(c.tags) t where lower(t) = any(%s))";
    return switch (comparison.op()) {
      case EQ, IN -> contains.formatted(bindArray(comparison.values()));
      case NEQ -> "not " + contains.formatted(bindArray(comparison.values()));
      case IS_SET -> "cardinality(c.tags) > 0";
      case IS_NOT_SET -> "cardinality(c.tags) = 0";
      default ->
          throw new IllegalArgumentException(
              "tags cannot be compared with " + comparison.op().code());
    };
  }

  private String compareFolded(String column, Comparison comparison) {
    return compare(TextFolding.sql(column), foldValues(comparison));
  }

  private static Comparison foldValues(Comparison comparison) {
    return new Comparison(
        comparison.op(),
        comparison.values().stream().map(v -> (Object) TextFolding.fold(v.toString())).toList());
  }

  /** {@code expression op values}, two-valued: a NULL expression matches only "is not set". */
  private String compare(String expression, Comparison comparison) {
    List<Object> values = comparison.values();
    return switch (comparison.op()) {
      case EQ -> "coalesce(" + expression + " = " + bind(values.get(0)) + ", false)";
      case NEQ -> "(" + expression + " is distinct from " + bind(values.get(0)) + ")";
      case IN -> "coalesce(" + expression + " = any(" + bindArray(values) + "), false)";
      case GT -> "coalesce(" + expression + " > " + bind(values.get(0)) + ", false)";
      case GTE -> "coalesce(" + expression + " >= " + bind(values.get(0)) + ", false)";
      case LT -> "coalesce(" + expression + " < " + bind(values.get(0)) + ", false)";
      case LTE -> "coalesce(" + expression + " <= " + bind(values.get(0)) + ", false)";
      case BETWEEN ->
          "coalesce("
              + expression
              + " between "
              + bind(values.get(0))
              + " and "
              + bind(values.get(1))
              + ", false)";
      case IS_SET -> "(" + expression + " is not null)";
      case IS_NOT_SET -> "(" + expression + " is null)";
    };
  }

  private String orderAggregate(String aggregate, TimeWindow window) {
    return "(select "
        + aggregate
        + " from orders o where o.customer_uuid = c.customer_uuid and "
        + COUNTED
        + windowOn("o.ordered_at", window)
        + ")";
  }

  private String bought(CustomerQuery.Bought bought) {
    String pattern = bind(regexWords(bought.term()));
    return "exists (select 1 from orders o join order_items i on i.order_id = o.order_id"
        + " join products p on p.sku = i.sku where o.customer_uuid = c.customer_uuid and "
        + COUNTED
        + windowOn("o.ordered_at", bought.window())
        + " and ("
        + TextFolding.wordsSql("p.name")
        + " ~ "
        + pattern
        + " or "
        + TextFolding.wordsSql("p.category")
        + " ~ "
        + pattern
        + "))";
  }

  /** A PostgreSQL regular expression matching {@code phrase} as whole words. */
  static String regexWords(String phrase) {
    StringBuilder regex = new StringBuilder("\\m");
    for (char c : phrase.toCharArray()) {
      if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
        regex.append('\\');
      }
      regex.append(Character.isWhitespace(c) ? "\\s+" : String.valueOf(c));
    }
    return regex.append("\\M").toString();
  }

  private String reviewed(CustomerQuery.Reviewed reviewed) {
    StringBuilder sql =
        new StringBuilder(
            "exists (select 1 from reviews r where r.customer_uuid = c.customer_uuid");
    if (reviewed.rating() != null) {
      sql.append(" and ").append(compare("r.rating", reviewed.rating()));
    }
    if (reviewed.sentiment() != null) {
      sql.append(" and r.sentiment_label = ").append(bind(reviewed.sentiment()));
    }
    return sql.append(windowOn("r.created_at", reviewed.window())).append(")").toString();
  }

  private String interacted(CustomerQuery.Interacted interacted) {
    StringBuilder sql =
        new StringBuilder(
                "exists (select 1 from interactions x where x.customer_uuid = c.customer_uuid and"
                    + " x.type = ")
            .append(bind(interacted.interactionType()));
    if (!interacted.statuses().isEmpty()) {
      sql.append(" and x.status = any(")
          .append(bindArray(List.copyOf(interacted.statuses())))
          .append(")");
    }
    return sql.append(windowOn("x.created_at", interacted.window())).append(")").toString();
  }

  private String windowOn(String column, TimeWindow window) {
    if (window == null) {
      return "";
    }
    TimeWindow.Interval interval = window.resolve(clock, storeZone);
    return " and "
        + column
        + " >= "
        + bind(interval.start())
        + " and "
        + column
        + " < "
        + bind(interval.end());
  }

  private String bind(Object value) {
    String name = "p" + next++;
    parameters.addValue(name, value instanceof Instant instant ? Timestamp.from(instant) : value);
    return ":" + name;
  }

  private String bindArray(List<Object> values) {
    String name = "p" + next++;
    boolean numeric = values.getFirst() instanceof java.math.BigDecimal;
    parameters.addValue(
        name,
        numeric
            ? values.toArray(new java.math.BigDecimal[0])
            : values.stream().map(Object::toString).toArray(String[]::new));
    return ":" + name;
  }
}
