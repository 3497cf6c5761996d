package com.oxidly.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CustomerQueryTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);

  static final CustomerQuery NEW_YORK_BIG_SPENDERS =
      CustomerQuery.and(
          CustomerQuery.field(CustomerField.CITY, Op.EQ, "New York"),
          new CustomerQuery.Spent(
              Comparison.gt(500), new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1)));

  @Test
  void roundTripsThroughJson() {
    CustomerQuery query =
        new CustomerQuery.Or(
            List.of(
                NEW_YORK_BIG_SPENDERS,
                new CustomerQuery.Not(
                    new CustomerQuery.Bought(
                        "coffee", new TimeWindow.Rolling(30, TimeWindow.Unit.DAY))),
                new CustomerQuery.Reviewed(Comparison.lt(3), "negative", null),
                new CustomerQuery.Interacted("support_ticket", List.of("open"), null),
                new CustomerQuery.InSegment("At Risk"),
                CustomerQuery.field(CustomerField.SIGNUP_DATE, Op.GTE, "2026-03-01"),
                new CustomerQuery.OrderCount(
                    Comparison.of(Op.BETWEEN, 2, 5),
                    new TimeWindow.Range(LocalDate.of(2026, 1, 1), null))));

    String json = JSON.writeValueAsString(query);
    CustomerQuery back = JSON.readValue(json, CustomerQuery.class);

    assertThat(back).isEqualTo(query);
    assertThat(json).contains("\"type\":\"spent\"", "\"kind\":\"calendar\"", "\"op\":\"gt\"");
    // Numbers keep a plain form: 500, never 5E+2.
    assertThat(json).contains("\"values\":[500]").doesNotContain("E+");
  }

  @Test
  void readsAsASentence() {
    assertThat(ReadableQuery.render(NEW_YORK_BIG_SPENDERS))
        .isEqualTo("city is new york and spent last month > 500");
    assertThat(
            ReadableQuery.render(
                CustomerQuery.or(
                    new CustomerQuery.Spent(Comparison.lt(50), null),
                    new CustomerQuery.Not(
                        CustomerQuery.field(CustomerField.COUNTRY, Op.IN, "de", "at")))))
        .isEqualTo("spent < 50 or not (country is one of de, at)");
  }

  @Test
  void rejectsInvalidTreesNamingTheProblem() {
    assertThatThrownBy(() -> CustomerQuery.field(CustomerField.AGE, Op.GT, "thirty"))
        .hasMessageContaining("'thirty' is not a number");
    assertThatThrownBy(() -> CustomerQuery.field(CustomerField.EMAIL_OPT_IN, Op.GT, true))
        .hasMessageContaining("operator gt does not apply to email_opt_in");
    assertThatThrownBy(() -> Comparison.of(Op.BETWEEN, 1))
        .hasMessageContaining("between takes 2 value(s)");
    assertThatThrownBy(() -> CustomerQuery.field(CustomerField.TOTAL_SPENT, Op.BETWEEN, 500, 100))
        .hasMessageContaining("lower bound first");
    assertThatThrownBy(() -> new CustomerQuery.And(List.of()))
        .hasMessageContaining("and needs at least one condition");
    assertThatThrownBy(() -> new CustomerQuery.Interacted("tweet", List.of(), null))
        .hasMessageContaining("interaction type must be one of");
    assertThatThrownBy(
            () ->
                JSON.readValue(
                    "{\"type\":\"field\",\"field\":\"shoe_size\",\"comparison\":{\"op\":\"eq\",\"values\":[42]}}",
                    CustomerQuery.class))
        .hasStackTraceContaining("unknown field 'shoe_size'");
  }

  @Test
  void duringKeepsItsWindowRelativeAndResolvesToBounds() {
    CustomerQuery newCustomers =
        new CustomerQuery.During(
            CustomerField.SIGNUP_DATE, new TimeWindow.Rolling(30, TimeWindow.Unit.DAY));

    String json = JSON.writeValueAsString(newCustomers);

    assertThat(json).contains("\"type\":\"during\"", "\"field\":\"signup_date\"");
    assertThat(JSON.readValue(json, CustomerQuery.class)).isEqualTo(newCustomers);
    assertThat(ReadableQuery.render(newCustomers)).isEqualTo("signed up in the last 30 days");
    assertThat(((CustomerQuery.During) newCustomers).resolve(NOW, ZoneOffset.UTC))
        .isEqualTo(
            CustomerQuery.and(
                CustomerQuery.field(CustomerField.SIGNUP_DATE, Op.GTE, "2026-10-16T12:00:00Z"),
                CustomerQuery.field(CustomerField.SIGNUP_DATE, Op.LT, "2026-11-15T12:00:00Z")));
    assertThatThrownBy(
            () ->
                new CustomerQuery.During(
                    CustomerField.CITY, new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1)))
        .hasMessageContaining("during applies to date fields, not to city");
  }

  @Test
  void calendarWindowsAreCalendarPeriodsInTheStoreZone() {
    ZoneId utc = ZoneOffset.UTC;
    assertThat(new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1).resolve(NOW, utc))
        .isEqualTo(interval("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"));
    assertThat(new TimeWindow.Calendar(TimeWindow.Unit.MONTH, 0).resolve(NOW, utc))
        .isEqualTo(interval("2026-11-01T00:00:00Z", "2026-11-15T12:00:00Z"));
    // 15 Nov 2026 is a Sunday: last ISO week is Mon 2 Nov to Sun 8 Nov.
    assertThat(new TimeWindow.Calendar(TimeWindow.Unit.WEEK, -1).resolve(NOW, utc))
        .isEqualTo(interval("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"));
    assertThat(new TimeWindow.Calendar(TimeWindow.Unit.DAY, -1).resolve(NOW, utc))
        .isEqualTo(interval("2026-11-14T00:00:00Z", "2026-11-15T00:00:00Z"));
    assertThat(new TimeWindow.Calendar(TimeWindow.Unit.YEAR, -1).resolve(NOW, utc))
        .isEqualTo(interval("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    // In New York, last month starts at local midnight.
    assertThat(
            new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1)
                .resolve(NOW, ZoneId.of("America/New_York")))
        .isEqualTo(interval("2026-10-01T04:00:00Z", "2026-11-01T04:00:00Z"));
  }

  @Test
  void rollingAndFixedWindows() {
    assertThat(new TimeWindow.Rolling(30, TimeWindow.Unit.DAY).resolve(NOW, ZoneOffset.UTC))
        .isEqualTo(interval("2026-10-16T12:00:00Z", "2026-11-15T12:00:00Z"));
    assertThat(
            new TimeWindow.Range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1))
                .resolve(NOW, ZoneOffset.UTC))
        .isEqualTo(interval("2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z"));
    assertThat(new TimeWindow.Range(null, LocalDate.of(2025, 1, 1)).readable())
        .isEqualTo("before 2025-01-01");
  }

  @Test
  void foldingIsTheSameInJavaAndInTheTable() {
    assertThat(TextFolding.fold(" MÜNCHEN ")).isEqualTo("munchen");
    assertThat(TextFolding.fold("São Paulo")).isEqualTo("sao paulo");
    assertThat(TextFolding.fold("Straße")).isEqualTo("strasse");
    assertThat(TextFolding.fold("Øvergaard")).isEqualTo("overgaard");
    assertThat(TextFolding.ACCENTED).hasSameSizeAs(TextFolding.PLAIN);
    assertThat(new CustomerQuery.Bought(" Café-Crème (1kg) ", null).term())
        .isEqualTo("cafe creme 1kg");
    assertThatThrownBy(() -> new CustomerQuery.Bought("?!", null))
        .hasMessageContaining("bought needs a product or category");
  }

  private static TimeWindow.Interval interval(String start, String end) {
    return new TimeWindow.Interval(Instant.parse(start), Instant.parse(end));
  }
}
