package com.oxidly.domain.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DateEventsTest {

  private TestDatabase database;
  private JdbcTemplate jdbc;
  private DateEvents dates;

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_dates_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    jdbc = database.jdbc();
    dates =
        new DateEvents(
            new NamedParameterJdbcTemplate(jdbc), new StoreTimeZone(ZoneId.of("America/New_York")));
    customer("anniversary@example.com", "2024-03-10T15:00:00Z", "{}", "active");
    customer("late-evening@example.com", "2024-03-11T02:00:00Z", "{}", "active");
    customer("banned@example.com", "2024-03-10T15:00:00Z", "{}", "banned");
    customer("today@example.com", "2026-03-10T15:00:00Z", "{}", "active");
    customer("leap@example.com", "2024-02-29T15:00:00Z", "{}", "active");
    customer(
        "march-born@example.com",
        "2025-01-01T00:00:00Z",
        "{\"birthday\": \"1990-03-22\"}",
        "active");
    customer(
        "month-only@example.com", "2025-01-01T00:00:00Z", "{\"birth_month\": \"3\"}", "active");
    customer("junk@example.com", "2025-01-01T00:00:00Z", "{\"birth_month\": \"March\"}", "active");
  }

  @AfterAll
  void dropDatabase() {
    database.drop();
  }

  @Test
  void anniversariesComeOnTheStoreDayOfSignupFromTheFirstYearOn() {
    assertThat(dates.emit(LocalDate.of(2026, 3, 10))).isEqualTo(2);
    // 02:00 UTC on 11 March is still 10 March in New York.
    assertThat(emails("signup_anniversary", "2026-03-10"))
        .containsExactlyInAnyOrder("anniversary@example.com", "late-evening@example.com");
    assertThat(dates.emit(LocalDate.of(2026, 3, 10))).as("a day emitted twice").isZero();
  }

  @Test
  void aLeapDaySignupIsCelebratedOnTheTwentyEighthInOtherYears() {
    dates.emit(LocalDate.of(2026, 2, 28));
    assertThat(emails("signup_anniversary", "2026-02-28")).containsExactly("leap@example.com");
  }

  @Test
  void birthdayMonthsComeOnTheFirstForReadableBirthdaysOnly() {
    dates.emit(LocalDate.of(2026, 3, 1));
    assertThat(emails("birthday_month", "2026-03-01"))
        .containsExactlyInAnyOrder("march-born@example.com", "month-only@example.com");
    assertThat(dates.emit(LocalDate.of(2026, 3, 2))).isZero();
  }

  private List<String> emails(String attribute, String day) {
    return jdbc.queryForList(
        """
        select c.email from customer_events e join customers c using (customer_uuid)
         where e.event_key like 'date:' || ? || ':%:' || ?
           and e.type = 'date_reached' and e.properties->>'attribute' = ?\
        """,
        String.class, attribute, day, attribute);
  }

  private void customer(String email, String signup, String attributes, String status) {
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date, attributes, status)"
            + " values (gen_random_uuid(), ?, 'X', ?::timestamptz, ?::jsonb, ?)",
        email,
        signup,
        attributes,
        status);
  }
}
