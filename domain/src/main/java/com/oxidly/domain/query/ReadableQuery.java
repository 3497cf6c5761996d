package com.oxidly.domain.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a query as the sentence shown back to marketers, e.g. {@code city is new york and spent
 * last month > 500}. The rendering is stable: equal trees read the same.
 */
public final class ReadableQuery {

  private ReadableQuery() {}

  public static String render(CustomerQuery query) {
    return switch (query) {
      case CustomerQuery.All all -> "all customers";
      case CustomerQuery.And and -> join(and.all(), " and ");
      case CustomerQuery.Or or -> join(or.any(), " or ");
      case CustomerQuery.Not not -> "not (" + render(not.query()) + ")";
      case CustomerQuery.Field field ->
          field.field().label() + " " + comparison(field.comparison());
      case CustomerQuery.Spent spent ->
          "spent" + window(spent.window()) + " " + comparison(spent.comparison());
      case CustomerQuery.OrderCount count ->
          "orders" + window(count.window()) + " " + comparison(count.comparison());
      case CustomerQuery.AverageOrderValue aov ->
          "average order value" + window(aov.window()) + " " + comparison(aov.comparison());
      case CustomerQuery.Bought bought ->
          "bought \"" + bought.term() + "\"" + window(bought.window());
      case CustomerQuery.Reviewed reviewed ->
          "left a "
              + (reviewed.sentiment() == null ? "" : reviewed.sentiment() + " ")
              + "review"
              + (reviewed.rating() == null ? "" : " rated " + comparison(reviewed.rating()))
              + window(reviewed.window());
      case CustomerQuery.Interacted interacted ->
          "has a "
              + (interacted.statuses().isEmpty()
                  ? ""
                  : String.join("/", interacted.statuses()) + " ")
              + interacted.interactionType().replace('_', ' ')
              + window(interacted.window());
      case CustomerQuery.InSegment segment -> "in segment \"" + segment.segment() + "\"";
      case CustomerQuery.During during -> during.field().label() + window(during.window());
      case CustomerQuery.TopPercent top ->
          "in the top "
              + top.percent().stripTrailingZeros().toPlainString()
              + "% by "
              + top.field().label();
      case CustomerQuery.OrderOverdue overdue ->
          "no order for over "
              + overdue.factor().stripTrailingZeros().toPlainString()
              + "x their usual gap between orders";
    };
  }

  private static String join(List<CustomerQuery> parts, String separator) {
    return parts.stream()
        .map(
            part ->
                part instanceof CustomerQuery.And || part instanceof CustomerQuery.Or
                    ? "(" + render(part) + ")"
                    : render(part))
        .collect(Collectors.joining(separator));
  }

  private static String window(TimeWindow window) {
    return window == null ? "" : " " + window.readable();
  }

  static String comparison(Comparison comparison) {
    List<String> values = comparison.values().stream().map(ReadableQuery::value).toList();
    return switch (comparison.op()) {
      case IS_SET, IS_NOT_SET -> comparison.op().symbol();
      case BETWEEN -> "between " + values.get(0) + " and " + values.get(1);
      case IN -> "is one of " + String.join(", ", values);
      default -> comparison.op().symbol() + " " + values.getFirst();
    };
  }

  private static String value(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
          : instant.toString();
    }
    return String.valueOf(value);
  }
}
