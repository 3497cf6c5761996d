package com.oxidly.domain.query;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
  @JsonSubTypes.Type(value = CustomerQuery.During.class, name = "during")
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
