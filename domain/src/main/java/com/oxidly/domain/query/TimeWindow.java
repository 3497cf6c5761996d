package com.oxidly.domain.query;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * A period of time as a marketer says it. Windows are stored relative ("last month") and resolved
 * against the application clock and the store's time zone each time a query runs, so a saved
 * segment keeps meaning what it said.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TimeWindow.Calendar.class, name = "calendar"),
  @JsonSubTypes.Type(value = TimeWindow.Rolling.class, name = "rolling"),
  @JsonSubTypes.Type(value = TimeWindow.Range.class, name = "range")
})
public sealed interface TimeWindow {

  /** Calendar granularity. Weeks are ISO weeks, Monday to Sunday. */
  enum Unit {
    DAY,
    WEEK,
    MONTH,
    YEAR
  }

  /** The half-open interval [start, end) this window means now. */
  Interval resolve(Clock clock, ZoneId storeZone);

  /** How the window reads: "last month", "in the last 30 days", "in Mar 2026". */
  String readable();

  /**
   * A whole calendar period relative to the current one: offset 0 is "this month" (up to now), -1
   * is "last month".
   */
  record Calendar(Unit unit, int offset) implements TimeWindow {
    public Calendar {
      Objects.requireNonNull(unit, "unit");
      if (offset > 0) {
        throw new IllegalArgumentException("calendar windows look back: offset must be <= 0");
      }
    }

    @Override
    public Interval resolve(Clock clock, ZoneId storeZone) {
      ZonedDateTime now = clock.instant().atZone(storeZone);
      ZonedDateTime start = startOf(now, unit).plus(offset, chronoUnit(unit));
      ZonedDateTime end = start.plus(1, chronoUnit(unit));
      Instant endInstant = offset == 0 ? clock.instant() : end.toInstant();
      return new Interval(start.toInstant(), endInstant);
    }

    @Override
    public String readable() {
      String name = unit.name().toLowerCase(Locale.ROOT);
      return switch (offset) {
        case 0 -> unit == Unit.DAY ? "today" : "this " + name;
        case -1 -> unit == Unit.DAY ? "yesterday" : "last " + name;
        default -> (-offset) + " " + name + "s ago";
      };
    }
  }

  /** The last {@code amount} units up to now: "in the last 30 days". */
  record Rolling(int amount, Unit unit) implements TimeWindow {
    public Rolling {
      Objects.requireNonNull(unit, "unit");
      if (amount < 1) {
        throw new IllegalArgumentException("a rolling window needs at least 1 " + unit);
      }
    }

    @Override
    public Interval resolve(Clock clock, ZoneId storeZone) {
      ZonedDateTime now = clock.instant().atZone(storeZone);
      return new Interval(now.minus(amount, chronoUnit(unit)).toInstant(), now.toInstant());
    }

    @Override
    public String readable() {
      return "in the last "
          + amount
          + " "
          + unit.name().toLowerCase(Locale.ROOT)
          + (amount == 1 ? "" : "s");
    }
  }

  /**
   * Fixed dates in the store's time zone: {@code from} inclusive, {@code until} exclusive; either
   * may be open ("since January", "before 2025").
   */
  record Range(LocalDate from, LocalDate until) implements TimeWindow {
    public Range {
      if (from == null && until == null) {
        throw new IllegalArgumentException("a date range needs a start or an end");
      }
      if (from != null && until != null && !from.isBefore(until)) {
        throw new IllegalArgumentException("a date range must start before it ends");
      }
    }

    @Override
    public Interval resolve(Clock clock, ZoneId storeZone) {
      return new Interval(
          from == null ? Instant.EPOCH : from.atStartOfDay(storeZone).toInstant(),
          until == null ? clock.instant() : until.atStartOfDay(storeZone).toInstant());
    }

    @Override
    public String readable() {
      if (from == null) {
        return "before " + until;
      }
      if (until == null) {
        return "since " + from;
      }
      return "from " + from + " until " + until.minusDays(1);
    }
  }

  /** Start and end of a resolved window: {@code start <= t < end}. */
  record Interval(Instant start, Instant end) {}

  private static ZonedDateTime startOf(ZonedDateTime now, Unit unit) {
    ZonedDateTime day = now.truncatedTo(ChronoUnit.DAYS);
    return switch (unit) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case YEAR -> day.withDayOfYear(1);
    };
  }

  private static ChronoUnit chronoUnit(Unit unit) {
    return switch (unit) {
      case DAY -> ChronoUnit.DAYS;
      case WEEK -> ChronoUnit.WEEKS;
      case MONTH -> ChronoUnit.MONTHS;
      case YEAR -> ChronoUnit.YEARS;
    };
  }
}
