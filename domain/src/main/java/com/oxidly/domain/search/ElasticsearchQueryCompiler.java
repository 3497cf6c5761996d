package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TextFolding;
import com.oxidly.domain.query.TimeWindow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Compiles a customer query to an Elasticsearch query over the customer index with the same meaning
 * as the PostgreSQL reference. Sums and averages over a time window cannot be computed in a query
 * without scripts (this distribution has no painless), so those conditions are answered by
 * PostgreSQL as a set of customer ids and combined here; everything else runs in the index.
 */
final class ElasticsearchQueryCompiler {

  private final Clock clock;
  private final ZoneId storeZone;
  private final Function<CustomerQuery, List<UUID>> postgresIds;
  private final Function<CustomerQuery, List<UUID>> withOrdersInWindow;
  private final Function<CustomerQuery.TopPercent, Optional<BigDecimal>> topPercentCut;

  /**
   * @param postgresIds the customers matching a query, from PostgreSQL
   * @param withOrdersInWindow the customers with a counted order in the window of a windowed
   *     aggregate whose aggregate there satisfies it, from PostgreSQL
   */
  ElasticsearchQueryCompiler(
      Clock clock,
      ZoneId storeZone,
      Function<CustomerQuery, List<UUID>> postgresIds,
      Function<CustomerQuery, List<UUID>> withOrdersInWindow,
      Function<CustomerQuery.TopPercent, Optional<BigDecimal>> topPercentCut) {
    this.clock = clock;
    this.storeZone = storeZone;
    this.postgresIds = postgresIds;
    this.withOrdersInWindow = withOrdersInWindow;
    this.topPercentCut = topPercentCut;
  }

  private static String rankField(CustomerField field) {
    return switch (field) {
      case PREDICTED_CLV -> "predicted_clv";
      case P_ALIVE -> "p_alive";
      case ENGAGEMENT_SCORE -> "engagement_score";
      case SENTIMENT_SCORE -> "sentiment_score";
      case TOTAL_SPENT -> "total_spent";
      case ORDER_COUNT -> "order_count";
      default -> throw new IllegalArgumentException("no rank by " + field.code());
    };
  }

  Query compile(CustomerQuery query) {
    return switch (query) {
      case CustomerQuery.All all -> Query.of(q -> q.matchAll(m -> m));
      case CustomerQuery.And and ->
          Query.of(q -> q.bool(b -> b.filter(and.all().stream().map(this::compile).toList())));
      case CustomerQuery.Or or ->
          Query.of(
              q ->
                  q.bool(
                      b ->
                          b.should(or.any().stream().map(this::compile).toList())
                              .minimumShouldMatch("1")));
      case CustomerQuery.Not not -> not(compile(not.query()));
      case CustomerQuery.Field field -> field(field.field(), field.comparison());
      case CustomerQuery.Spent spent ->
          spent.window() == null
              ? compare("total_spent", spent.comparison())
              : windowedAggregate(
                  query, holds(spent.comparison(), BigDecimal.ZERO), spent.window());
      case CustomerQuery.OrderCount count ->
          count.window() == null
              ? compare("order_count", count.comparison())
              : windowedAggregate(
                  query, holds(count.comparison(), BigDecimal.ZERO), count.window());
      // An exact average needs decimal division: PostgreSQL answers it, all time or windowed. A
      // customer without counted orders in the window has no average there, which only "is not"
      // accepts (a missing value is distinct from any number).
      case CustomerQuery.AverageOrderValue aov ->
          aov.window() == null
              ? ids(postgresIds.apply(aov))
              : windowedAggregate(query, aov.comparison().op() == Op.NEQ, aov.window());
      case CustomerQuery.Bought bought -> bought(bought);
      case CustomerQuery.Reviewed reviewed -> reviewed(reviewed);
      case CustomerQuery.Interacted interacted -> interacted(interacted);
      case CustomerQuery.InSegment segment -> term("segments", segment.segment());
      case CustomerQuery.During during -> compile(during.resolve(clock, storeZone));
      // The cut is one number PostgreSQL computes exactly (a sort over every customer is not a
      // query the index can filter by); the filter itself runs in the index.
      case CustomerQuery.TopPercent top ->
          topPercentCut
              .apply(top)
              .map(cut -> compare(rankField(top.field()), Comparison.of(Op.GTE, cut)))
              .orElseGet(() -> ids(List.of()));
      // Compares two fields of the same customer with now: not a filter without scripts.
      case CustomerQuery.OrderOverdue overdue -> ids(postgresIds.apply(overdue));
    };
  }

  private Query field(CustomerField field, Comparison comparison) {
    return switch (field) {
      case EMAIL -> compare("email", comparison);
      case EMAIL_DOMAIN -> compare("email_domain", comparison);
      case FIRST_NAME -> compare("first_name_folded", folded(comparison));
      case LAST_NAME -> compare("last_name_folded", folded(comparison));
      case NAME -> name(folded(comparison));
      case CITY -> compare("city_folded", folded(comparison));
      case COUNTRY -> compare("country", comparison);
      case STATUS -> compare("status", comparison);
      case LANGUAGE -> compare("language", comparison);
      case TIME_ZONE -> compare("time_zone", comparison);
      case ACQUISITION_CHANNEL -> compare("acquisition_channel", comparison);
      case REFERRED_BY -> compare("referred_by", comparison);
      case PERSONA -> compare("persona", comparison);
      case TAGS -> compare("tags", comparison);
      case YEAR_OF_BIRTH -> compare("year_of_birth", comparison);
      case AGE -> age(comparison);
      case SIGNUP_DATE -> compare("signup_date", comparison);
      case EMAIL_OPT_IN -> compare("email_opt_in", comparison);
      case SMS_OPT_IN -> compare("sms_opt_in", comparison);
      case PUSH_OPT_IN -> compare("push_opt_in", comparison);
      case TOTAL_SPENT -> compare("total_spent", comparison);
      case ORDER_COUNT -> compare("order_count", comparison);
      case FIRST_ORDER_AT -> compare("first_order_at", comparison);
      case LAST_ORDER_AT -> compare("last_order_at", comparison);
      case AVERAGE_ORDER_VALUE ->
          ids(postgresIds.apply(new CustomerQuery.AverageOrderValue(comparison, null)));
      case ENGAGEMENT_SCORE -> compare("engagement_score", comparison);
      case SENTIMENT_SCORE -> compare("sentiment_score", comparison);
      case PREDICTED_CLV -> compare("predicted_clv", comparison);
      case P_ALIVE -> compare("p_alive", comparison);
    };
  }

  private Query name(Comparison comparison) {
    return switch (comparison.op()) {
      case NEQ ->
          Query.of(
              q ->
                  q.bool(
                      b ->
                          b.filter(compare("first_name_folded", comparison))
                              .filter(compare("last_name_folded", comparison))));
      case IS_SET, IS_NOT_SET -> compare("first_name_folded", comparison);
      default ->
          Query.of(
              q ->
                  q.bool(
                      b ->
                          b.should(compare("first_name_folded", comparison))
                              .should(compare("last_name_folded", comparison))
                              .minimumShouldMatch("1")));
    };
  }

  /** age = current year - year of birth, so each bound on age is a bound on the year. */
  private Query age(Comparison comparison) {
    BigDecimal year = BigDecimal.valueOf(clock.instant().atZone(storeZone).getYear());
    List<Object> years =
        comparison.values().stream().map(v -> (Object) year.subtract((BigDecimal) v)).toList();
    Comparison onYear =
        switch (comparison.op()) {
          case GT -> new Comparison(Op.LT, years);
          case GTE -> new Comparison(Op.LTE, years);
          case LT -> new Comparison(Op.GT, years);
          case LTE -> new Comparison(Op.GTE, years);
          case BETWEEN -> new Comparison(Op.BETWEEN, List.of(years.get(1), years.get(0)));
          default -> new Comparison(comparison.op(), years);
        };
    return compare("year_of_birth", onYear);
  }

  /**
   * Customers with at least one counted order in the window whose sum, count or average satisfies
   * the comparison come from PostgreSQL, in one grouped pass over the window's orders; customers
   * without counted orders there match when {@code withoutOrdersMatch} says so: a sum or count of 0
   * that satisfies the comparison ("spent under 50 last month" includes them), or an average that
   * is missing and asked not to be a number.
   */
  private Query windowedAggregate(
      CustomerQuery aggregate, boolean withoutOrdersMatch, TimeWindow window) {
    Query active = ids(withOrdersInWindow.apply(aggregate));
    if (!withoutOrdersMatch) {
      return active;
    }
    Query noOrders = not(countedOrdersIn(window, null));
    return Query.of(q -> q.bool(b -> b.should(active).should(noOrders).minimumShouldMatch("1")));
  }

  private Query bought(CustomerQuery.Bought bought) {
    String term = bought.term();
    Query product =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.should(s -> s.matchPhrase(m -> m.field("orders.products").query(term)))
                            .should(
                                s -> s.matchPhrase(m -> m.field("orders.categories").query(term)))
                            .minimumShouldMatch("1")));
    return countedOrdersIn(bought.window(), product);
  }

  private Query countedOrdersIn(TimeWindow window, Query extra) {
    return Query.of(
        q ->
            q.nested(
                n ->
                    n.path("orders")
                        .query(
                            inner ->
                                inner.bool(
                                    b -> {
                                      b.filter(term("orders.counted", true));
                                      if (window != null) {
                                        b.filter(within("orders.ordered_at", window));
                                      }
                                      if (extra != null) {
                                        b.filter(extra);
                                      }
                                      return b;
                                    }))));
  }

  private Query reviewed(CustomerQuery.Reviewed reviewed) {
    return Query.of(
        q ->
            q.nested(
                n ->
                    n.path("reviews")
                        .query(
                            inner ->
                                inner.bool(
                                    b -> {
                                      b.filter(f -> f.matchAll(m -> m));
                                      if (reviewed.rating() != null) {
                                        b.filter(compare("reviews.rating", reviewed.rating()));
                                      }
                                      if (reviewed.sentiment() != null) {
                                        b.filter(
                                            term("reviews.sentiment_label", reviewed.sentiment()));
                                      }
                                      if (reviewed.window() != null) {
                                        b.filter(within("reviews.created_at", reviewed.window()));
                                      }
                                      return b;
                                    }))));
  }

  private Query interacted(CustomerQuery.Interacted interacted) {
    return Query.of(
        q ->
            q.nested(
                n ->
                    n.path("interactions")
                        .query(
                            inner ->
                                inner.bool(
                                    b -> {
                                      b.filter(
                                          term("interactions.type", interacted.interactionType()));
                                      if (!interacted.statuses().isEmpty()) {
                                        b.filter(
                                            terms(
                                                "interactions.status",
                                                List.copyOf(interacted.statuses())));
                                      }
                                      if (interacted.window() != null) {
                                        b.filter(
                                            within("interactions.created_at", interacted.window()));
                                      }
                                      return b;
                                    }))));
  }

  private Query within(String field, TimeWindow window) {
    TimeWindow.Interval interval = window.resolve(clock, storeZone);
    return Query.of(
        q ->
            q.range(
                r ->
                    r.date(
                        d ->
                            d.field(field)
                                .gte(interval.start().toString())
                                .lt(interval.end().toString()))));
  }

  private Query compare(String field, Comparison comparison) {
    List<Object> values = comparison.values();
    return switch (comparison.op()) {
      case EQ -> term(field, values.get(0));
      case NEQ -> not(term(field, values.get(0)));
      case IN -> terms(field, values);
      case GT -> range(field, r -> r.gt(json(values.get(0))));
      case GTE -> range(field, r -> r.gte(json(values.get(0))));
      case LT -> range(field, r -> r.lt(json(values.get(0))));
      case LTE -> range(field, r -> r.lte(json(values.get(0))));
      case BETWEEN -> range(field, r -> r.gte(json(values.get(0))).lte(json(values.get(1))));
      case IS_SET -> Query.of(q -> q.exists(e -> e.field(field)));
      case IS_NOT_SET -> not(Query.of(q -> q.exists(e -> e.field(field))));
    };
  }

  private static Query range(
      String field,
      Function<
              co.elastic.clients.elasticsearch._types.query_dsl.UntypedRangeQuery.Builder,
              co.elastic.clients.elasticsearch._types.query_dsl.UntypedRangeQuery.Builder>
          bounds) {
    return Query.of(q -> q.range(r -> r.untyped(u -> bounds.apply(u.field(field)))));
  }

  private static Query term(String field, Object value) {
    return Query.of(q -> q.term(t -> t.field(field).value(fieldValue(value))));
  }

  private static Query terms(String field, List<Object> values) {
    List<FieldValue> fieldValues =
        values.stream().map(ElasticsearchQueryCompiler::fieldValue).toList();
    return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
  }

  private static Query ids(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Query.of(q -> q.matchNone(m -> m));
    }
    return terms("customer_uuid", ids.stream().map(id -> (Object) id.toString()).toList());
  }

  private static Query not(Query query) {
    return Query.of(q -> q.bool(b -> b.mustNot(query)));
  }

  private static boolean holds(Comparison comparison, BigDecimal value) {
    List<Object> values = comparison.values();
    return switch (comparison.op()) {
      case EQ -> value.compareTo((BigDecimal) values.get(0)) == 0;
      case NEQ -> value.compareTo((BigDecimal) values.get(0)) != 0;
      case IN -> values.stream().anyMatch(v -> value.compareTo((BigDecimal) v) == 0);
      case GT -> value.compareTo((BigDecimal) values.get(0)) > 0;
      case GTE -> value.compareTo((BigDecimal) values.get(0)) >= 0;
      case LT -> value.compareTo((BigDecimal) values.get(0)) < 0;
      case LTE -> value.compareTo((BigDecimal) values.get(0)) <= 0;
      case BETWEEN ->
          value.compareTo((BigDecimal) values.get(0)) >= 0
              && value.compareTo((BigDecimal) values.get(1)) <= 0;
      case IS_SET -> true;
      case IS_NOT_SET -> false;
    };
  }

  private static Comparison folded(Comparison comparison) {
    return new Comparison(
        comparison.op(),
        comparison.values().stream().map(v -> (Object) TextFolding.fold(v.toString())).toList());
  }

  private static JsonData json(Object value) {
    return JsonData.of(value instanceof Instant instant ? instant.toString() : value);
  }

  private static FieldValue fieldValue(Object value) {
    return switch (value) {
      case BigDecimal decimal when decimal.scale() <= 0 -> FieldValue.of(decimal.longValueExact());
      case BigDecimal decimal -> FieldValue.of(decimal.doubleValue());
      case Boolean bool -> FieldValue.of(bool);
      case Instant instant -> FieldValue.of(instant.toString());
      default -> FieldValue.of(value.toString());
    };
  }
}
