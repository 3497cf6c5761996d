package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Numbers, money and comparisons: "more than three", "$1.5k", "500 dollars or more", "between 100
 * and 200", "4+". Strictness follows the search semantics: over/more than/above is {@code >}, at
 * least is {@code >=}, under/less than/below is {@code <}, between is inclusive.
 */
final class Quantities {

  /** A value as read, with the currency it was written in (null for plain numbers). */
  record Quantity(BigDecimal value, String currency) {}

  /**
   * A comparison as read.
   *
   * @param explicit whether an operator word was written ("over 40", not just "40")
   * @param unit whether the unit the caller asked for followed a value ("3 orders")
   * @param currency the currency an amount was written in, or null
   */
  record Bound(Op op, List<BigDecimal> values, boolean explicit, boolean unit, String currency) {
    Comparison comparison() {
      return new Comparison(op, List.copyOf(values));
    }

    BigDecimal first() {
      return values.getFirst();
    }

    BigDecimal last() {
      return values.getLast();
    }
  }

  /** Reads one value at the cursor, or returns null with the cursor unchanged. */
  interface Reader {
    Quantity read(Cursor cursor);
  }

  private static final Map<String, String> CURRENCY_WORDS =
      Map.ofEntries(
          Map.entry("$", "USD"),
          Map.entry("usd", "USD"),
          Map.entry("dollar", "USD"),
          Map.entry("dollars", "USD"),
          Map.entry("bucks", "USD"),
          Map.entry("€", "EUR"),
          Map.entry("eur", "EUR"),
          Map.entry("euro", "EUR"),
          Map.entry("euros", "EUR"),
          Map.entry("£", "GBP"),
          Map.entry("gbp", "GBP"),
          Map.entry("pound", "GBP"),
          Map.entry("pounds", "GBP"),
          Map.entry("¥", "JPY"),
          Map.entry("yen", "JPY"),
          Map.entry("jpy", "JPY"));

  private static final String[] GT = {
    "more than", "greater than", "higher than", "bigger than", "larger than", "in excess of",
    "over", "above", "exceeding", "exceeds", "exceed", ">"
  };
  private static final String[] GTE = {
    "at least",
    "no less than",
    "not less than",
    "no fewer than",
    "not fewer than",
    "minimum of",
    "a minimum of",
    "minimum",
    "min",
    ">="
  };
  private static final String[] LT = {
    "less than", "fewer than", "lower than", "smaller than", "under", "below", "<"
  };
  private static final String[] LTE = {
    "at most",
    "no more than",
    "not more than",
    "a maximum of",
    "maximum of",
    "maximum",
    "max",
    "up to",
    "<="
  };
  private static final String[] EQ = {"exactly", "precisely", "equal to", "="};
  private static final String[] POSTFIX_GTE = {
    "or more",
    "and more",
    "or higher",
    "and higher",
    "or above",
    "and above",
    "and up",
    "or over",
    "and over",
    "or greater",
    "or older",
    "and older",
    "plus",
    "+"
  };
  private static final String[] POSTFIX_LTE = {
    "or less",
    "or fewer",
    "and less",
    "and fewer",
    "or lower",
    "and lower",
    "or below",
    "and below",
    "or under",
    "and under",
    "or younger",
    "and younger"
  };

  private Quantities() {}

  /** A whole or decimal number in digits or words ("three", "twenty five", "five hundred"). */
  static final Reader NUMBER = Quantities::number;

  /** A number with an optional sign: "-0.5", "minus 0.2". */
  static final Reader SIGNED =
      cursor -> {
        int start = cursor.pos;
        boolean negative = cursor.acceptAny("-", "minus", "negative") != null;
        Quantity quantity = number(cursor);
        if (quantity == null) {
          cursor.pos = start;
          return null;
        }
        return negative ? new Quantity(quantity.value().negate(), null) : quantity;
      };

  /** An amount of money: $500, 500 dollars, USD 500, 500$, €200, 1.5k, 1,500. */
  static final Reader MONEY =
      cursor -> {
        int start = cursor.pos;
        String currency = currency(cursor);
        Quantity number = number(cursor);
        if (number == null) {
          cursor.pos = start;
          return null;
        }
        if (currency == null) {
          currency = currency(cursor);
        }
        return new Quantity(number.value(), currency);
      };

  private static String currency(Cursor cursor) {
    Token token = cursor.peek();
    if (token == null) {
      return null;
    }
    String currency = CURRENCY_WORDS.get(token.word());
    if (currency != null) {
      cursor.pos++;
      if (currency.equals("USD")) {
        cursor.accept("us");
      }
    }
    return currency;
  }

  private static Quantity number(Cursor cursor) {
    Token token = cursor.peek();
    if (token == null) {
      return null;
    }
    if (token.isNumber() && !token.has(Token.DECADE) && !token.has(Token.ORDINAL)) {
      cursor.pos++;
      BigDecimal value = token.number();
      if (cursor.accept("thousand")) {
        value = value.multiply(BigDecimal.valueOf(1000));
      } else if (cursor.accept("million")) {
        value = value.multiply(BigDecimal.valueOf(1_000_000));
      }
      return new Quantity(value, null);
    }
    int start = cursor.pos;
    long value = 0;
    long part = 0;
    boolean any = false;
    while (!cursor.atEnd()) {
      Integer word = Words.NUMBER_WORDS.get(cursor.peek().word());
      if (word != null && !(cursor.at("single") && any)) {
        part += word;
      } else if (any && cursor.at("hundred")) {
        part *= 100;
      } else if (any && cursor.at("thousand")) {
        value += part * 1000;
        part = 0;
      } else {
        break;
      }
      any = true;
      cursor.pos++;
    }
    if (!any) {
      cursor.pos = start;
      return null;
    }
    return new Quantity(BigDecimal.valueOf(value + part), null);
  }

  /**
   * A comparison of values read by {@code reader}, each optionally followed by one of {@code
   * units}: "more than 3 orders", "3 orders or more", "between 2 and 5 orders", "4+", "$100-$500",
   * or a bare value (operator EQ, not explicit). Returns null with the cursor unchanged when there
   * is none.
   */
  static Bound comparison(Cursor cursor, Reader reader, String... units) {
    int start = cursor.pos;
    Op op = prefix(cursor);
    boolean between = op == null && cursor.accept("between");
    boolean from = op == null && !between && cursor.accept("from");
    Quantity first = reader.read(cursor);
    if (first == null) {
      cursor.pos = start;
      return null;
    }
    boolean unit = cursor.acceptAny(units) != null;
    String currency = first.currency();
    List<BigDecimal> values = new ArrayList<>(List.of(first.value()));
    if (between || from || op == null) {
      int beforeSecond = cursor.pos;
      String joiner =
          between ? cursor.acceptAny("and", "to", "-") : cursor.acceptAny("to", "-", "through");
      Quantity second = joiner == null ? null : reader.read(cursor);
      if (second != null) {
        unit |= cursor.acceptAny(units) != null;
        currency = currency != null ? currency : second.currency();
        values.add(second.value());
        values.sort(BigDecimal::compareTo);
        op = Op.BETWEEN;
      } else if (between || from) {
        cursor.pos = start;
        return null;
      } else {
        cursor.pos = beforeSecond;
      }
    }
    boolean explicit = op != null;
    if (op == null) {
      if (cursor.acceptAny(POSTFIX_GTE) != null) {
        op = Op.GTE;
        explicit = true;
      } else if (cursor.acceptAny(POSTFIX_LTE) != null) {
        op = Op.LTE;
        explicit = true;
      } else {
        op = Op.EQ;
      }
      unit |= cursor.acceptAny(units) != null;
    }
    return new Bound(op, values, explicit, unit, currency);
  }

  private static Op prefix(Cursor cursor) {
    if (cursor.acceptAny(GTE) != null) {
      return Op.GTE;
    }
    if (cursor.acceptAny(LTE) != null) {
      return Op.LTE;
    }
    if (cursor.acceptAny(GT) != null) {
      return Op.GT;
    }
    if (cursor.acceptAny(LT) != null) {
      return Op.LT;
    }
    if (cursor.acceptAny(EQ) != null) {
      return Op.EQ;
    }
    return null;
  }

  /** Whether the token here names a currency ($, dollars, EUR...). */
  static boolean atCurrency(Cursor cursor) {
    Token token = cursor.peek();
    return token != null && isCurrency(token);
  }

  static boolean isCurrency(Token token) {
    return CURRENCY_WORDS.containsKey(token.word());
  }
}
