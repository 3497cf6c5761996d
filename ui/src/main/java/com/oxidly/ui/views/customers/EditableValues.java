package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values of a condition a marketer may change in its chip, as text, and how to build the
 * condition again from changed text. Rebuilding goes through the query nodes' own constructors, so
 * a value is checked exactly as the API checks it and refused with the same message.
 *
 * @param labels one per value field
 * @param values the current values, one per field
 */
record EditableValues(
    List<String> labels, List<String> values, Function<List<String>, CustomerQuery> rebuild) {

  /**
   * What can be changed in {@code condition}: the compared value(s) of a field comparison, a spend,
   * order count, average order value or review rating threshold, a product or a segment name. Empty
   * for conditions without a single value to change (groups, negations, time windows).
   */
  static Optional<EditableValues> of(CustomerQuery condition) {
    return switch (condition) {
      case CustomerQuery.Field field ->
          comparison(field.comparison(), c -> new CustomerQuery.Field(field.field(), c));
      case CustomerQuery.Spent spent ->
          comparison(spent.comparison(), c -> new CustomerQuery.Spent(c, spent.window()));
      case CustomerQuery.OrderCount count ->
          comparison(count.comparison(), c -> new CustomerQuery.OrderCount(c, count.window()));
      case CustomerQuery.AverageOrderValue aov ->
          comparison(aov.comparison(), c -> new CustomerQuery.AverageOrderValue(c, aov.window()));
      case CustomerQuery.Reviewed reviewed when reviewed.rating() != null ->
          comparison(
              reviewed.rating(),
              c -> new CustomerQuery.Reviewed(c, reviewed.sentiment(), reviewed.window()));
      case CustomerQuery.Bought bought ->
          Optional.of(
              new EditableValues(
                  List.of("Product or category"),
                  List.of(bought.term()),
                  v -> new CustomerQuery.Bought(v.getFirst(), bought.window())));
      case CustomerQuery.InSegment segment ->
          Optional.of(
              new EditableValues(
                  List.of("Segment"),
                  List.of(segment.segment()),
                  v -> new CustomerQuery.InSegment(v.getFirst())));
      default -> Optional.empty();
    };
  }

  /**
   * The condition with {@code texts} as its values.
   *
   * @throws IllegalArgumentException naming what is wrong with a value
   */
  CustomerQuery with(List<String> texts) {
    if (texts.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("a value is missing");
    }
    return rebuild.apply(texts.stream().map(String::strip).toList());
  }

  private static Optional<EditableValues> comparison(
      Comparison comparison, Function<Comparison, CustomerQuery> rebuild) {
    Op op = comparison.op();
    List<String> current = comparison.values().stream().map(EditableValues::text).toList();
    return switch (op.arity()) {
      case 0 -> Optional.empty();
      case 2 ->
          Optional.of(
              new EditableValues(
                  List.of("From", "To"),
                  current,
                  v -> rebuild.apply(new Comparison(op, List.<Object>copyOf(v)))));
      case -1 ->
          Optional.of(
              new EditableValues(
                  List.of("Values, separated by commas"),
                  List.of(String.join(", ", current)),
                  v ->
                      rebuild.apply(
                          new Comparison(
                              op,
                              Arrays.stream(v.getFirst().split(","))
                                  .map(String::strip)
                                  .filter(s -> !s.isEmpty())
                                  .<Object>map(s -> s)
                                  .toList()))));
      default ->
          Optional.of(
              new EditableValues(
                  List.of("Value"),
                  current,
                  v -> rebuild.apply(new Comparison(op, List.<Object>copyOf(v)))));
    };
  }

  /** A value as a marketer types it: plain numbers, dates without a time when at midnight. */
  private static String text(Object value) {
    return switch (value) {
      case BigDecimal decimal -> decimal.toPlainString();
      case Instant instant ->
          instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
              ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
              : instant.toString();
      default -> String.valueOf(value);
    };
  }
}
