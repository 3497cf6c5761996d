package com.oxidly.domain.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A condition on one property of an event, e.g. {@code cart_value gt 20}.
 *
 * @param value compared as a number when both sides are numbers, else as case-insensitive text
 */
public record PropertyCondition(String property, Op op, String value) {

  public enum Op {
    @JsonProperty("eq")
    EQ,
    @JsonProperty("ne")
    NE,
    @JsonProperty("gt")
    GT,
    @JsonProperty("gte")
    GTE,
    @JsonProperty("lt")
    LT,
    @JsonProperty("lte")
    LTE,
    @JsonProperty("exists")
    EXISTS,
    @JsonProperty("contains")
    CONTAINS
  }

  /** Whether {@code event} satisfies this condition. */
  public boolean holdsFor(JourneyEvent event) {
    String actual = event.property(property);
    if (op == Op.EXISTS) {
      return actual != null && !actual.isBlank();
    }
    if (actual == null) {
      return op == Op.NE;
    }
    return switch (op) {
      case EQ -> compare(actual, value) == 0;
      case NE -> compare(actual, value) != 0;
      case GT -> compare(actual, value) > 0;
      case GTE -> compare(actual, value) >= 0;
      case LT -> compare(actual, value) < 0;
      case LTE -> compare(actual, value) <= 0;
      case CONTAINS -> fold(actual).contains(fold(value));
      case EXISTS -> true;
    };
  }

  private static int compare(String actual, String expected) {
    BigDecimal left = number(actual);
    BigDecimal right = number(expected);
    if (left != null && right != null) {
      return left.compareTo(right);
    }
    return fold(actual).compareTo(fold(expected));
  }

  static BigDecimal number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static String fold(String text) {
    return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
  }
}
