package com.oxidly.domain.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * A comparison operator. {@link #GT} is strict (">", "over", "more than"); {@link #BETWEEN} is
 * inclusive at both ends, as the search semantics define.
 */
public enum Op {
  EQ("is", 1),
  NEQ("is not", 1),
  IN("is one of", -1),
  GT(">", 1),
  GTE(">=", 1),
  LT("<", 1),
  LTE("<=", 1),
  BETWEEN("between", 2),
  IS_SET("is set", 0),
  IS_NOT_SET("is not set", 0);

  private final String symbol;
  private final int arity;

  Op(String symbol, int arity) {
    this.symbol = symbol;
    this.arity = arity;
  }

  /** How it reads in a sentence: "spent > 500". */
  public String symbol() {
    return symbol;
  }

  /** Number of values it takes; -1 means one or more. */
  public int arity() {
    return arity;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Op fromCode(String code) {
    return Arrays.stream(values())
        .filter(op -> op.code().equalsIgnoreCase(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown operator '"
                        + code
                        + "'; expected one of "
                        + Arrays.stream(values()).map(Op::code).toList()));
  }
}
