package com.oxidly.domain.search;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simple one-field filters as a URL can carry them: {@code city:New York}, {@code total_spent>500},
 * {@code status!=banned}, {@code email_opt_in:true}. The field is a {@link CustomerField} code;
 * {@code :} (or {@code =}) means equals, and {@code !=}, {@code >}, {@code >=}, {@code <}, {@code
 * <=} compare. Everything after the operator is the value, so values may hold spaces and commas.
 */
public final class FieldFilters {

  // Longest operators first, so "total_spent>=500" is not read as "> =500".
  private static final Pattern FILTER =
      Pattern.compile("^\\s*([A-Za-z_]+)\\s*(!=|>=|<=|:|=|>|<)(.*)$", Pattern.DOTALL);

  private FieldFilters() {}

  /**
   * The conditions of all {@code filters} together (AND), or every customer when there are none.
   *
   * @throws IllegalArgumentException quoting the first filter that does not parse, with the reason
   */
  public static CustomerQuery parse(List<String> filters) {
    List<CustomerQuery> conditions = new ArrayList<>();
    for (String filter : filters == null ? List.<String>of() : filters) {
      conditions.add(parse(filter));
    }
    return conditions.isEmpty()
        ? new CustomerQuery.All()
        : conditions.size() == 1 ? conditions.getFirst() : new CustomerQuery.And(conditions);
  }

  /**
   * One filter as a condition.
   *
   * @throws IllegalArgumentException quoting the filter, with the reason
   */
  public static CustomerQuery parse(String filter) {
    Matcher matcher = FILTER.matcher(filter == null ? "" : filter);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "filter '"
              + filter
              + "' must read field:value or field OP value with OP one of != > >= < <=,"
              + " e.g. city:New York or total_spent>500");
    }
    String value = matcher.group(3).trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "filter '" + filter + "' needs a value after the operator");
    }
    try {
      CustomerField field = CustomerField.fromCode(matcher.group(1));
      return new CustomerQuery.Field(field, Comparison.of(op(matcher.group(2)), value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("filter '" + filter + "': " + e.getMessage(), e);
    }
  }

  private static Op op(String symbol) {
    return switch (symbol) {
      case ":", "=" -> Op.EQ;
      case "!=" -> Op.NEQ;
      case ">" -> Op.GT;
      case ">=" -> Op.GTE;
      case "<" -> Op.LT;
      case "<=" -> Op.LTE;
      default -> throw new IllegalStateException("the pattern admits no other operator");
    };
  }
}
