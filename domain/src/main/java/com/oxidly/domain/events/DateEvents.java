package com.oxidly.domain.events;

import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.time.StoreTimeZone;
import java.sql.Timestamp;
import java.time.LocalDate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns dates coming round into events journeys can start from: signup anniversaries (on the day,
 * from the first year on; a 29 February signup is celebrated on 28 February in other years) and
 * birthday months (on the first of the month, for customers whose attributes say {@code
 * birth_month} 1-12 or {@code birthday} as YYYY-MM-DD or MM-DD). Days are calendar days in the
 * store's time zone. Each event has a key per customer, attribute and date, so emitting a day twice
 * stores nothing new.
 */
@Service
public class DateEvents {

  private final NamedParameterJdbcTemplate jdbc;
  private final StoreTimeZone storeZone;

  DateEvents(NamedParameterJdbcTemplate jdbc, StoreTimeZone storeZone) {
    this.jdbc = jdbc;
    this.storeZone = storeZone;
  }

  /**
   * Stores the date events of {@code day}.
   *
   * @return events stored now (0 when the day was emitted before)
   */
  @Transactional
  public int emit(LocalDate day) {
    MapSqlParameterSource parameters =
        new MapSqlParameterSource()
            .addValue("day", day)
            .addValue("dayText", day.toString())
            .addValue("month", day.getMonthValue())
            .addValue("dayOfMonth", day.getDayOfMonth())
            .addValue(
                "leapDayStandIn",
                !day.isLeapYear() && day.getMonthValue() == 2 && day.getDayOfMonth() == 28)
            .addValue("zone", storeZone.zone().getId())
            .addValue("at", Timestamp.from(day.atStartOfDay(storeZone.zone()).toInstant()))
            .addValue("type", JourneyTrigger.DATE_REACHED);
    int anniversaries =
        jdbc.update(
            """
            insert into customer_events (event_key, customer_uuid, type, occurred_at, properties, source)
            select 'date:signup_anniversary:' || c.customer_uuid || ':' || :dayText,
                   c.customer_uuid, :type, :at,
                   jsonb_build_object('attribute', 'signup_anniversary',
                                      'years', extract(year from age(:day, s.signed_up))),
                   'system'
              from customers c
             cross join lateral (select (c.signup_date at time zone :zone)::date as signed_up) s
             where c.status in ('active', 'inactive')
               and s.signed_up < :day
               and ((extract(month from s.signed_up) = :month
                     and extract(day from s.signed_up) = :dayOfMonth)
                    or (:leapDayStandIn and extract(month from s.signed_up) = 2
                        and extract(day from s.signed_up) = 29))
            on conflict (event_key) do nothing\
            """,
            parameters);
    if (day.getDayOfMonth() != 1) {
      return anniversaries;
    }
    int birthdays =
        jdbc.update(
            """
            insert into customer_events (event_key, customer_uuid, type, occurred_at, properties, source)
            select 'date:birthday_month:' || c.customer_uuid || ':' || :dayText,
                   c.customer_uuid, :type, :at,
                   jsonb_build_object('attribute', 'birthday_month', 'month', :month),
                   'system'
              from customers c
             where c.status in ('active', 'inactive')
               and :month = case
                     when c.attributes->>'birth_month' ~ '^(0?[1-9]|1[0-2])$'
                       then (c.attributes->>'birth_month')::int
                     when c.attributes->>'birthday' ~ '^\\d{4}-\\d{2}-\\d{2}$'
                       then substr(c.attributes->>'birthday', 6, 2)::int
                     when c.attributes->>'birthday' ~ '^\\d{2}-\\d{2}$'
                       then substr(c.attributes->>'birthday', 1, 2)::int
                   end
            on conflict (event_key) do nothing\
            """,
            parameters);
    return anniversaries + birthdays;
  }
}
