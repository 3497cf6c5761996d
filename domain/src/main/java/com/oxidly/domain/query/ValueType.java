package com.oxidly.domain.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What kind of value a field holds, which operators apply, and how values are normalised. */
public enum ValueType {
  TEXT(EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.IS_SET, Op.IS_NOT_SET)),
  NUMBER(
      EnumSet.of(
          Op.EQ,
          Op.NEQ,
          Op.IN,
          Op.GT,
          Op.GTE,
          Op.LT,
          Op.LTE,
          Op.BETWEEN,
          Op.IS_SET,
          Op.IS_NOT_SET)),
  INSTANT(EnumSet.of(Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN, Op.IS_SET, Op.IS_NOT_SET)),
  BOOLEAN(EnumSet.of(Op.EQ)),
  /** A set of words such as tags or segments: EQ means "contains", IN "contains any". */
  WORDS(EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.IS_SET, Op.IS_NOT_SET));

  private final Set<Op> operators;

  ValueType(Set<Op> operators) {
    this.operators = operators;
  }

  public Set<Op> operators() {
    return operators;
  }

  /**
   * The canonical form of one value: lower-case trimmed text, {@link BigDecimal}, {@link Instant}
   * (a date means its start in UTC), {@link Boolean}.
   *
   * @throws IllegalArgumentException naming the value and the expected type
   */
  public Object normalise(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("a value is missing");
    }
    return switch (this) {
      case TEXT, WORDS -> value.toString().trim().toLowerCase(Locale.ROOT);
      case NUMBER -> number(value);
      case INSTANT -> instant(value);
      case BOOLEAN -> bool(value);
    };
  }

  private static BigDecimal number(Object value) {
    BigDecimal decimal;
    if (value instanceof BigDecimal given) {
      decimal = given;
    } else {
      try {
        decimal = new BigDecimal(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + value + "' is not a number");
      }
    }
    // One canonical form, never exponent notation: 100.00 and 1E+2 both become 100.
    BigDecimal canonical = decimal.stripTrailingZeros();
    return canonical.scale() < 0 ? canonical.setScale(0) : canonical;
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    String text = value.toString().trim();
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an ISO-8601 date (2026-03-01) or instant (2026-03-01T00:00:00Z)");
    }
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
    };
  }
}
