package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.TimeWindow;
import com.oxidly.domain.query.TimeWindow.Unit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Time phrases, read on Sunday 15 November 2026. */
class NlTimePhrasesTest {

  private static final TimePhrases TIME = new TimePhrases(LocalDate.of(2026, 11, 15));

  private static TimeWindow read(String text) {
    Cursor cursor = new Cursor(Tokenizer.tokenize(text));
    TimeWindow window = TIME.window(cursor);
    if (window != null) {
      assertThat(cursor.atEnd()).as("reads all of '%s'", text).isTrue();
    }
    return window;
  }

  private static TimeWindow range(String from, String until) {
    return new TimeWindow.Range(
        from == null ? null : LocalDate.parse(from), until == null ? null : LocalDate.parse(until));
  }

  @Test
  void calendarWordsAreCalendarPeriods() {
    assertThat(read("last month")).isEqualTo(new TimeWindow.Calendar(Unit.MONTH, -1));
    assertThat(read("this month")).isEqualTo(new TimeWindow.Calendar(Unit.MONTH, 0));
    assertThat(read("last year")).isEqualTo(new TimeWindow.Calendar(Unit.YEAR, -1));
    assertThat(read("this year")).isEqualTo(new TimeWindow.Calendar(Unit.YEAR, 0));
    assertThat(read("last week")).isEqualTo(new TimeWindow.Calendar(Unit.WEEK, -1));
    assertThat(read("previous month")).isEqualTo(new TimeWindow.Calendar(Unit.MONTH, -1));
    assertThat(read("yesterday")).isEqualTo(new TimeWindow.Calendar(Unit.DAY, -1));
    assertThat(read("today")).isEqualTo(new TimeWindow.Calendar(Unit.DAY, 0));
    assertThat(read("year to date")).isEqualTo(new TimeWindow.Calendar(Unit.YEAR, 0));
    assertThat(read("3 months ago")).isEqualTo(new TimeWindow.Calendar(Unit.MONTH, -3));
  }

  @Test
  void lastNUnitsIsARollingWindow() {
    assertThat(read("in the last 30 days")).isEqualTo(new TimeWindow.Rolling(30, Unit.DAY));
    assertThat(read("in the past 3 months")).isEqualTo(new TimeWindow.Rolling(3, Unit.MONTH));
    assertThat(read("past week")).isEqualTo(new TimeWindow.Rolling(1, Unit.WEEK));
    assertThat(read("in the last month")).isEqualTo(new TimeWindow.Rolling(1, Unit.MONTH));
    assertThat(read("last 14 days")).isEqualTo(new TimeWindow.Rolling(14, Unit.DAY));
    assertThat(read("in 90 days")).isEqualTo(new TimeWindow.Rolling(90, Unit.DAY));
    assertThat(read("within two weeks")).isEqualTo(new TimeWindow.Rolling(2, Unit.WEEK));
  }

  @Test
  void yearsMonthsAndDatesAreRanges() {
    assertThat(read("in 2025")).isEqualTo(range("2025-01-01", "2026-01-01"));
    assertThat(read("in March 2026")).isEqualTo(range("2026-03-01", "2026-04-01"));
    assertThat(read("in October")).isEqualTo(range("2026-10-01", "2026-11-01"));
    assertThat(read("in November")).isEqualTo(range("2026-11-01", "2026-12-01"));
    // December has not begun this year: the last December.
    assertThat(read("in December")).isEqualTo(range("2025-12-01", "2026-01-01"));
    assertThat(read("in Q3")).isEqualTo(range("2026-07-01", "2026-10-01"));
    assertThat(read("on 2026-03-05")).isEqualTo(range("2026-03-05", "2026-03-06"));
    assertThat(read("on March 5")).isEqualTo(range("2026-03-05", "2026-03-06"));
    assertThat(read("on 5 March 2025")).isEqualTo(range("2025-03-05", "2025-03-06"));
  }

  @Test
  void openAndClosedRanges() {
    assertThat(read("since March")).isEqualTo(range("2026-03-01", null));
    assertThat(read("since 2026-03-01")).isEqualTo(range("2026-03-01", null));
    assertThat(read("since January 2025")).isEqualTo(range("2025-01-01", null));
    assertThat(read("before 2025")).isEqualTo(range(null, "2025-01-01"));
    assertThat(read("after 2024")).isEqualTo(range("2025-01-01", null));
    assertThat(read("until June")).isEqualTo(range(null, "2026-07-01"));
    assertThat(read("between March and May")).isEqualTo(range("2026-03-01", "2026-06-01"));
    assertThat(read("between 2024 and 2025")).isEqualTo(range("2024-01-01", "2026-01-01"));
    assertThat(read("from October to February")).isEqualTo(range("2025-10-01", "2026-03-01"));
    assertThat(read("between March and May 2025")).isEqualTo(range("2025-03-01", "2025-06-01"));
  }

  @Test
  void notTime() {
    assertThat(read("in Berlin")).isNull();
    assertThat(read("may")).isNull();
    assertThat(read("from Germany")).isNull();
    assertThat(read("over 40")).isNull();
    assertThat(read("the last")).isNull();
  }
}
