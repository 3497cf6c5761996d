package com.oxidly.domain.query;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A structured customer query: a tree of typed conditions with the exact meanings of
 * shared/specs/search-semantics.md. It is what the list filters, saved segments, campaign
 * audiences, the API and natural-language search all produce, and what the Elasticsearch and
 * PostgreSQL executors run. Serialises to JSON with a {@code type} discriminator.
 *
 * <p>Every node validates itself when built, so an invalid tree cannot exist; errors name the
 * field, operator or value that is wrong.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CustomerQuery.All.class, name = "all"),
  @JsonSubTypes.Type(value = CustomerQuery.And.class, name = "and"),
  @JsonSubTypes.Type(value = CustomerQuery.Or.class, name = "or"),
  @JsonSubTypes.Type(value = CustomerQuery.Not.class, name = "not"),
  @JsonSubTypes.Type(value = CustomerQuery.Field.class, name = "field"),
  @JsonSubTypes.Type(value = CustomerQuery.Spent.class, name = "spent"),
  @JsonSubTypes.Type(value = CustomerQuery.OrderCount.class, name = "order_count"),
  @JsonSubTypes.Type(value = CustomerQuery.AverageOrderValue.class, name = "average_order_value"),
  @JsonSubTypes.Type(value = CustomerQuery.Bought.class, name = "bought"),
  @JsonSubTypes.Type(value = CustomerQuery.Reviewed.class, name = "reviewed"),
  @JsonSubTypes.Type(value = CustomerQuery.Interacted.class, name = "interacted"),
  @JsonSubTypes.Type(value = CustomerQuery.InSegment.class, name = "segment"),
  @JsonSubTypes.Type(value = CustomerQuery.During.class, name = "during"),
  @JsonSubTypes.Type(value = CustomerQuery.TopPercent.class, name = "top_percent"),
  @JsonSubTypes.Type(value = CustomerQuery.OrderOverdue.class, name = "order_overdue")
})
public sealed interface CustomerQuery {

  /** Every customer. */
  record All() implements CustomerQuery {}

  /** All conditions hold. */
  record And(List<CustomerQuery> all) implements CustomerQuery {
    public And {
      all = nonEmpty(all, "and");
    }
  }

  /** At least one condition holds. */
  record Or(List<CustomerQuery> any) implements CustomerQuery {
    public Or {
      any = nonEmpty(any, "or");
    }
  }

  record Not(CustomerQuery query) implements CustomerQuery {
    public Not {
      Objects.requireNonNull(query, "not needs a condition");
    }
  }

  /** A profile property compared with values: "city is new york", "age < 30". */
  record Field(CustomerField field, Comparison comparison) implements CustomerQuery {
    public Field {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(comparison, "comparison");
      comparison = comparison.typed(field.type(), field.code());
    }
  }

  /**
   * Sum of totals of counted orders (not cancelled, not refunded) in the window, or all time when
   * the window is null. Customers without orders have spent 0, so "under 50" includes them.
   */
  record Spent(Comparison comparison, TimeWindow window) implements CustomerQuery {
    public Spent {
      comparison = numeric(comparison, "spent");
    }
  }

  /** Number of counted orders in the window (all time when null). */
  record OrderCount(Comparison comparison, TimeWindow window) implements CustomerQuery {
    public OrderCount {
      comparison = numeric(comparison, "order count");
    }
  }

  /**
   * Spent divided by counted orders in the window; customers without counted orders there have no
   * average and never match.
   */
  record AverageOrderValue(Comparison comparison, TimeWindow window) implements CustomerQuery {
    public AverageOrderValue {
      comparison = numeric(comparison, "average order value");
    }
  }

  /**
   * At least one counted order in the window with an item whose product name or category contains
   * {@code term} as whole words, ignoring case.
   */
  record Bought(String term, TimeWindow window) implements CustomerQuery {
    public Bought {
      term = term == null ? "" : TextFolding.words(term);
      if (term.isEmpty()) {
        throw new IllegalArgumentException("bought needs a product or category");
      }
    }
  }

  /**
   * At least one review in the window whose rating matches {@code rating} (any rating when null)
   * and whose sentiment label is {@code sentiment} (any when null).
   */
  record Reviewed(Comparison rating, String sentiment, TimeWindow window) implements CustomerQuery {
    static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");

    public Reviewed {
      rating = rating == null ? null : numeric(rating, "rating");
      if (sentiment != null && !SENTIMENTS.contains(sentiment)) {
        throw new IllegalArgumentException(
            "sentiment must be negative, neutral or positive, was '" + sentiment + "'");
      }
    }
  }

  /**
   * At least one interaction of {@code interactionType} in the window, with one of {@code statuses}
   * (any status when empty): "opened a support ticket last week", "with open tickets".
   */
  record Interacted(String interactionType, List<String> statuses, TimeWindow window)
      implements CustomerQuery {
    static final Set<String> TYPES =
        Set.of(
            "support_ticket", "chat", "call", "email_reply", "campaign_response", "social_mention");
    static final Set<String> STATUSES = Set.of("open", "pending", "resolved", "closed");

    public Interacted {
      if (!TYPES.contains(interactionType)) {
        throw new IllegalArgumentException(
            "interaction type must be one of "
                + TYPES.stream().sorted().toList()
                + ", was '"
                + interactionType
                + "'");
      }
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
      for (String status : statuses) {
        if (!STATUSES.contains(status)) {
          throw new IllegalArgumentException(
              "interaction status must be one of "
                  + STATUSES.stream().sorted().toList()
                  + ", was '"
                  + status
                  + "'");
        }
      }
    }
  }

  /** Member of a named segment ("high value", "at risk", a persona, a saved query). */
  record InSegment(String segment) implements CustomerQuery {
    public InSegment {
      if (segment == null || segment.isBlank()) {
        throw new IllegalArgumentException("segment needs a name");
      }
      segment = segment.trim().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A date field falls in a window: "signed up last month", "new customers" (signed up in the last
   * 30 days). The window stays relative, so a saved segment keeps meaning what it said; customers
   * whose field is not set never match.
   */
  record During(CustomerField field, TimeWindow window) implements CustomerQuery {
    public During {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(window, "during needs a time window");
      if (field.type() != ValueType.INSTANT) {
        throw new IllegalArgumentException("during applies to date fields, not to " + field.code());
      }
    }

    /** The same condition as fixed bounds: {@code start <= field < end}, as executors run it. */
    public CustomerQuery resolve(Clock clock, ZoneId storeZone) {
      TimeWindow.Interval interval = window.resolve(clock, storeZone);
      return new And(
          List.of(
              new Field(field, Comparison.of(Op.GTE, interval.start())),
              new Field(field, Comparison.of(Op.LT, interval.end()))));
    }
  }

  /**
   * Among the top {@code percent} of customers by a score: "top decile of predicted lifetime value"
   * is {@code top_percent(predicted_clv, 10)}. Exactly: of the n customers whose field is set, rank
   * them by the field, highest first, and take k = ceil(n * percent / 100); a customer matches when
   * their value is at least the k-th highest value. Without ties that is exactly k customers;
   * customers tied with the k-th are all in (a tie is never split arbitrarily); customers whose
   * field is not set never match.
   *
   * <p>Why a node of its own rather than a threshold copied into the segment: the cut moves
   * whenever anyone's score moves (a lifetime-value refit rescores everyone), so a stored number
   * would be wrong the moment after it was written. Both executors compute the cut from the data
   * when they run the query (PostgreSQL in SQL; Elasticsearch asks PostgreSQL for the one cut value
   * and then filters with a range), so they agree.
   */
  record TopPercent(CustomerField field, BigDecimal percent) implements CustomerQuery {
    /** Scores a rank may be taken over: numeric, stored per customer. */
    public static final Set<CustomerField> RANKABLE =
        Set.of(
            CustomerField.PREDICTED_CLV,
            CustomerField.P_ALIVE,
            CustomerField.ENGAGEMENT_SCORE,
            CustomerField.SENTIMENT_SCORE,
            CustomerField.TOTAL_SPENT,
            CustomerField.ORDER_COUNT);

    public TopPercent {
      Objects.requireNonNull(field, "top_percent needs a field");
      if (!RANKABLE.contains(field)) {
        throw new IllegalArgumentException(
            "top_percent ranks by one of "
                + RANKABLE.stream().map(CustomerField::code).sorted().toList()
                + ", not by "
                + field.code());
      }
      if (percent == null
          || percent.signum() <= 0
          || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new IllegalArgumentException(
            "top_percent needs a percent above 0 and at most 100, was " + percent);
      }
    }
  }

  /**
   * Overdue against the customer's own rhythm: at least two counted orders, and the time since the
   * last counted order is more than {@code factor} times the customer's mean gap between counted
   * orders ((last order - first order) / (orders - 1)). "Was buying every month, nothing for three
   * months" is overdue with factor 2; a customer who buys yearly is not overdue after 3 months.
   *
   * <p>The query tree compares a field with constants, never two fields of the same customer, so
   * this condition is a node of its own; it is relative to now, so the answer changes as time
   * passes without any data changing.
   */
  record OrderOverdue(BigDecimal factor) implements CustomerQuery {
    public OrderOverdue {
      if (factor == null || factor.signum() <= 0) {
        throw new IllegalArgumentException("order_overdue needs a factor above 0, was " + factor);
      }
    }
  }

  /**
   * Whether the answer can change while no customer data changes: the query depends on the clock
   * (time windows, ages, overdue orders) or on other customers (ranks). Segments defined by such a
   * query are re-evaluated in full periodically; others only when a customer changes.
   */
  static boolean isVolatile(CustomerQuery query) {
    return switch (query) {
      case All all -> false;
      case And and -> and.all().stream().anyMatch(CustomerQuery::isVolatile);
      case Or or -> or.any().stream().anyMatch(CustomerQuery::isVolatile);
      case Not not -> isVolatile(not.query());
      case Field field -> field.field() == CustomerField.AGE;
      case Spent spent -> spent.window() != null;
      case OrderCount count -> count.window() != null;
      case AverageOrderValue aov -> aov.window() != null;
      case Bought bought -> bought.window() != null;
      case Reviewed reviewed -> reviewed.window() != null;
      case Interacted interacted -> interacted.window() != null;
      case InSegment segment -> false;
      case During during -> true;
      case TopPercent top -> true;
      case OrderOverdue overdue -> true;
    };
  }

  /** Names of the segments the query refers to, lower case. */
  static Set<String> segmentsReferred(CustomerQuery query) {
    Set<String> names = new java.util.TreeSet<>();
    collectSegments(query, names);
    return names;
  }

  private static void collectSegments(CustomerQuery query, Set<String> names) {
    switch (query) {
      case And and -> and.all().forEach(q -> collectSegments(q, names));
      case Or or -> or.any().forEach(q -> collectSegments(q, names));
      case Not not -> collectSegments(not.query(), names);
      case InSegment segment -> names.add(segment.segment());
      default -> {}
    }
  }

  // Convenience constructors that read like the semantics.

  static CustomerQuery and(CustomerQuery... conditions) {
    return conditions.length == 1 ? conditions[0] : new And(List.of(conditions));
  }

  static CustomerQuery or(CustomerQuery... conditions) {
    return conditions.length == 1 ? conditions[0] : new Or(List.of(conditions));
  }

  static CustomerQuery field(CustomerField field, Op op, Object... values) {
    return new Field(field, Comparison.of(op, values));
  }

  private static List<CustomerQuery> nonEmpty(List<CustomerQuery> conditions, String what) {
    if (conditions == null || conditions.isEmpty()) {
      throw new IllegalArgumentException(what + " needs at least one condition");
    }
    for (CustomerQuery condition : conditions) {
      Objects.requireNonNull(condition, what + " contains an empty condition");
    }
    return List.copyOf(conditions);
  }

  private static Comparison numeric(Comparison comparison, String subject) {
    Objects.requireNonNull(comparison, subject + " needs a comparison");
    if (comparison.op() == Op.IS_SET || comparison.op() == Op.IS_NOT_SET) {
      throw new IllegalArgumentException(subject + " needs a number to compare with");
    }
    return comparison.typed(ValueType.NUMBER, subject);
  }
}
