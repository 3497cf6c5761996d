package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.TimeWindow;
import com.oxidly.domain.query.TimeWindow.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Time phrases as the search semantics define them. Calendar words are calendar periods ("last
 * month", "this year", "yesterday"); "in the last/past N units" is a rolling window ending now;
 * years, months, quarters and dates are fixed ranges ("in 2025", "in March 2026", "since January",
 * "before 2025", "between March and May"). In a range ("between March and May", "from March to
 * May") a month without a year is this year's, as the semantics say; elsewhere ("in December",
 * "since December") a month still to come this year means the last one that began.
 */
final class TimePhrases {

  private static final Map<String, Month> MONTHS =
      Map.ofEntries(
          Map.entry("january", Month.JANUARY),
          Map.entry("jan", Month.JANUARY),
          Map.entry("february", Month.FEBRUARY),
          Map.entry("feb", Month.FEBRUARY),
          Map.entry("march", Month.MARCH),
          Map.entry("mar", Month.MARCH),
          Map.entry("april", Month.APRIL),
          Map.entry("apr", Month.APRIL),
          Map.entry("may", Month.MAY),
          Map.entry("june", Month.JUNE),
          Map.entry("jun", Month.JUNE),
          Map.entry("july", Month.JULY),
          Map.entry("jul", Month.JULY),
          Map.entry("august", Month.AUGUST),
          Map.entry("aug", Month.AUGUST),
          Map.entry("september", Month.SEPTEMBER),
          Map.entry("sep", Month.SEPTEMBER),
          Map.entry("sept", Month.SEPTEMBER),
          Map.entry("october", Month.OCTOBER),
          Map.entry("oct", Month.OCTOBER),
          Map.entry("november", Month.NOVEMBER),
          Map.entry("nov", Month.NOVEMBER),
          Map.entry("december", Month.DECEMBER),
          Map.entry("dec", Month.DECEMBER));

  private static final Map<String, Unit> UNITS =
      Map.of(
          "day", Unit.DAY,
          "days", Unit.DAY,
          "week", Unit.WEEK,
          "weeks", Unit.WEEK,
          "month", Unit.MONTH,
          "months", Unit.MONTH,
          "year", Unit.YEAR,
          "years", Unit.YEAR);

  /**
   * A fixed period a point in time names: [start, end). {@code yearGiven} tells whether a year was
   * written, so "between October and February" can reach back a year.
   */
  private record Period(LocalDate start, LocalDate end, boolean yearGiven) {}

  private final LocalDate today;

  TimePhrases(LocalDate today) {
    this.today = today;
  }

  /** Whether a word is a month name (for telling "in May" from a place). */
  static boolean isMonth(String word) {
    return MONTHS.containsKey(word);
  }

  /** A time phrase at the cursor, or null with the cursor unchanged. */
  TimeWindow window(Cursor cursor) {
    int start = cursor.pos;
    TimeWindow window = windowAt(cursor);
    if (window == null) {
      cursor.pos = start;
    }
    return window;
  }

  private TimeWindow windowAt(Cursor cursor) {
    int start = cursor.pos;
    boolean lead = cursor.acceptAny("in", "during", "within", "over", "for", "throughout") != null;
    boolean the = cursor.accept("the");
    TimeWindow rolling = rolling(cursor, lead || the);
    if (rolling != null) {
      return rolling;
    }
    if (!the) {
      TimeWindow calendar = calendar(cursor);
      if (calendar != null) {
        return calendar;
      }
      if (lead) {
        Period period = point(cursor, true);
        if (period != null) {
          return new TimeWindow.Range(period.start(), period.end());
        }
      }
    }
    cursor.pos = start;
    return bounded(cursor);
  }

  /** "last 30 days", "the past 3 months", "in 90 days", "the last month". */
  private TimeWindow rolling(Cursor cursor, boolean led) {
    int start = cursor.pos;
    String which = cursor.acceptAny("last", "past", "previous", "recent");
    Integer amount = amount(cursor);
    Unit unit = unit(cursor);
    if (unit == null
        || (which == null && (amount == null || !led))
        || (amount == null && which != null && which.equals("last") && !led)
        || (amount == null && which != null && which.equals("previous") && !led)) {
      cursor.pos = start;
      return null;
    }
    return new TimeWindow.Rolling(amount == null ? 1 : amount, unit);
  }

  /** "last month", "this year", "yesterday", "today", "3 months ago", "year to date". */
  private TimeWindow calendar(Cursor cursor) {
    int start = cursor.pos;
    if (cursor.accept("today")) {
      return new TimeWindow.Calendar(Unit.DAY, 0);
    }
    if (cursor.accept("yesterday")) {
      return new TimeWindow.Calendar(Unit.DAY, -1);
    }
    if (cursor.acceptAny("year to date", "ytd") != null) {
      return new TimeWindow.Calendar(Unit.YEAR, 0);
    }
    if (cursor.acceptAny("month to date", "mtd") != null) {
      return new TimeWindow.Calendar(Unit.MONTH, 0);
    }
    String which = cursor.acceptAny("last", "previous", "this", "current");
    if (which != null) {
      Unit unit = unit(cursor);
      if (unit != null
          && cursor.peek(-1).word().equals(unit.name().toLowerCase(java.util.Locale.ROOT) + "s")) {
        unit = null;
      }
      if (unit != null) {
        return new TimeWindow.Calendar(
            unit, which.equals("this") || which.equals("current") ? 0 : -1);
      }
      cursor.pos = start;
      return null;
    }
    Integer amount = amount(cursor);
    Unit unit = amount == null ? null : unit(cursor);
    if (unit != null && amount > 0 && cursor.accept("ago")) {
      return new TimeWindow.Calendar(unit, -amount);
    }
    cursor.pos = start;
    return null;
  }

  /** "since March", "before 2025", "after 2024", "until June", "between March and May". */
  private TimeWindow bounded(Cursor cursor) {
    int start = cursor.pos;
    String bound =
        cursor.acceptAny(
            "since",
            "starting",
            "before",
            "prior to",
            "after",
            "until",
            "till",
            "up until",
            "between",
            "from",
            "on");
    if (bound == null) {
      return null;
    }
    cursor.accept("the");
    boolean range = bound.equals("between") || bound.equals("from");
    Period first = point(cursor, !range);
    if (first == null) {
      cursor.pos = start;
      return null;
    }
    switch (bound) {
      case "since", "starting" -> {
        return new TimeWindow.Range(first.start(), null);
      }
      case "before", "prior to" -> {
        return new TimeWindow.Range(null, first.start());
      }
      case "after" -> {
        return new TimeWindow.Range(first.end(), null);
      }
      case "until", "till", "up until" -> {
        return new TimeWindow.Range(null, first.end());
      }
      case "on" -> {
        return first.end().equals(first.start().plusDays(1))
            ? new TimeWindow.Range(first.start(), first.end())
            : null;
      }
      default -> {
        if (cursor.acceptAny(bound.equals("between") ? "and" : "to", "through", "until", "-")
            == null) {
          cursor.pos = start;
          return null;
        }
        Period last = point(cursor, false);
        if (last == null) {
          cursor.pos = start;
          return null;
        }
        LocalDate from = first.start();
        if (!last.end().isAfter(from) && !first.yearGiven()) {
          from = from.minusYears(1);
        }
        if (!last.end().isAfter(from)) {
          cursor.pos = start;
          return null;
        }
        return new TimeWindow.Range(from, last.end());
      }
    }
  }

  /**
   * A year, month (with an optional year), quarter or date. {@code recent}: a month or quarter
   * without a year that is still to come this year means last year's.
   */
  private Period point(Cursor cursor, boolean recent) {
    int start = cursor.pos;
    Token token = cursor.peek();
    if (token == null) {
      return null;
    }
    if (token.kind() == Token.Kind.DATE) {
      cursor.pos++;
      try {
        LocalDate day = LocalDate.parse(token.word());
        return new Period(day, day.plusDays(1), true);
      } catch (DateTimeParseException e) {
        cursor.pos = start;
        return null;
      }
    }
    Integer year = year(cursor);
    if (year != null) {
      return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), true);
    }
    if (cursor.acceptAny("q1", "q2", "q3", "q4") != null) {
      int quarter = cursor.peek(-1).word().charAt(1) - '0';
      Integer given = year(cursor);
      int y = given != null ? given : today.getYear();
      LocalDate from = LocalDate.of(y, quarter * 3 - 2, 1);
      if (given == null && recent && from.isAfter(today)) {
        from = from.minusYears(1);
      }
      return new Period(from, from.plusMonths(3), given != null);
    }
    Integer dayBefore = dayOfMonth(cursor);
    Month month = MONTHS.get(cursor.atEnd() ? "" : cursor.peek().word());
    if (month == null) {
      cursor.pos = start;
      return null;
    }
    cursor.pos++;
    Integer day = dayBefore != null ? dayBefore : dayOfMonth(cursor);
    cursor.accept(",");
    Integer given = year(cursor);
    int y = given != null ? given : today.getYear();
    LocalDate from = LocalDate.of(y, month, 1);
    if (given == null && recent && from.isAfter(today)) {
      from = from.minusYears(1);
    }
    if (day != null) {
      if (day > from.lengthOfMonth()) {
        cursor.pos = start;
        return null;
      }
      LocalDate date = from.withDayOfMonth(day);
      return new Period(date, date.plusDays(1), given != null);
    }
    return new Period(from, from.plusMonths(1), given != null);
  }

  private static Integer dayOfMonth(Cursor cursor) {
    Token token = cursor.peek();
    if (token != null
        && token.isNumber()
        && !token.has(Token.DECADE)
        && !token.has(Token.SCALED)
        && token.number().scale() <= 0
        && token.number().intValue() >= 1
        && token.number().intValue() <= 31) {
      cursor.pos++;
      cursor.accept("of");
      return token.number().intValue();
    }
    return null;
  }

  /** A four-digit year from 1900 to 2199. */
  static Integer year(Cursor cursor) {
    Token token = cursor.peek();
    if (token != null
        && token.isPlainInteger()
        && !token.has(Token.SCALED)
        && token.text().length() == 4
        && token.number().intValue() >= 1900
        && token.number().intValue() < 2200) {
      cursor.pos++;
      return token.number().intValue();
    }
    return null;
  }

  private static Integer amount(Cursor cursor) {
    int start = cursor.pos;
    Quantities.Quantity quantity = Quantities.NUMBER.read(cursor);
    if (quantity == null) {
      return null;
    }
    BigDecimal value = quantity.value();
    if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0
        || value.signum() <= 0
        || value.compareTo(BigDecimal.valueOf(10_000)) > 0) {
      cursor.pos = start;
      return null;
    }
    return value.intValue();
  }

  private static Unit unit(Cursor cursor) {
    Token token = cursor.peek();
    Unit unit = token == null ? null : UNITS.get(token.word());
    if (unit != null) {
      cursor.pos++;
    }
    return unit;
  }
}
