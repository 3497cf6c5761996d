package com.oxidly.domain.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An operator with its values, e.g. {@code gt [500]} or {@code between [100, 200]}. Values are
 * normalised to the type they are compared with when the comparison is placed in a condition.
 */
public record Comparison(Op op, List<Object> values) {

  public Comparison {
    Objects.requireNonNull(op, "op");
    values = values == null ? List.of() : List.copyOf(values);
    if (op.arity() >= 0 && values.size() != op.arity()) {
      throw new IllegalArgumentException(
          "operator " + op.code() + " takes " + op.arity() + " value(s), got " + values.size());
    }
    if (op.arity() < 0 && values.isEmpty()) {
      throw new IllegalArgumentException("operator " + op.code() + " needs at least one value");
    }
  }

  public static Comparison of(Op op, Object... values) {
    return new Comparison(op, List.of(values));
  }

  public static Comparison gt(Number value) {
    return of(Op.GT, new BigDecimal(value.toString()));
  }

  public static Comparison gte(Number value) {
    return of(Op.GTE, new BigDecimal(value.toString()));
  }

  public static Comparison lt(Number value) {
    return of(Op.LT, new BigDecimal(value.toString()));
  }

  public static Comparison eq(Object value) {
    return of(Op.EQ, value);
  }

  /**
   * This comparison with values normalised for {@code type}.
   *
   * @throws IllegalArgumentException when the operator does not apply to the type or a value does
   *     not parse
   */
  Comparison typed(ValueType type, String subject) {
    if (!type.operators().contains(op)) {
      throw new IllegalArgumentException(
          "operator "
              + op.code()
              + " does not apply to "
              + subject
              + "; use one of "
              + type.operators().stream().map(Op::code).toList());
    }
    List<Object> normalised = values.stream().map(type::normalise).toList();
    if (op == Op.BETWEEN
        && normalised.get(0) instanceof Comparable<?> low
        && compare(low, normalised.get(1)) > 0) {
      throw new IllegalArgumentException(
          "between needs the lower bound first, got " + values.get(0) + " and " + values.get(1));
    }
    return new Comparison(op, normalised);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable low, Object high) {
    return low.compareTo(high);
  }
}
