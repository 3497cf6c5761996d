package com.oxidly.domain.clv;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the models' inputs from counted orders (status not cancelled and not refunded,
 * shared/specs/search-semantics.md). A purchase is a calendar day in the store's time zone with at
 * least one counted order, its spend the sum of that day's totals, so several orders on one day are
 * one purchase. For a customer, as of the end of a given day: x = purchase days after the first,
 * t_x = days from the first to the last purchase day, T = days from the first purchase day to the
 * given day, both divided by 7 (weeks), and the mean spend of the x repeat purchase days.
 */
final class PurchaseHistories {

  static final double DAYS_PER_WEEK = 7;

  /*
   * Parameters in order: store zone, end day, store zone (together the exclusive upper bound, the
   * start of the next day), then those of the restriction put in place of %s, then the end day
   * again (for T).
   */
  private static final String PER_CUSTOMER =
      """
      with purchase_days as (
        select o.customer_uuid, (o.ordered_at at time zone ?)::date as day, sum(o.total) as spend
          from orders o
         where o.status not in ('cancelled', 'refunded')
           and o.ordered_at < ((?::date + 1)::timestamp at time zone ?)
           %s
         group by 1, 2
      ), numbered as (
        select customer_uuid, day, spend,
               row_number() over (partition by customer_uuid order by day) as n
          from purchase_days
      )
      select customer_uuid,
             (count(*) - 1)::integer as x,
             max(day) - min(day) as recency_days,
             ?::date - min(day) as age_days,
             avg(spend) filter (where n > 1)::double precision as mean_repeat_spend
        from numbered
       group by customer_uuid
      """;

  private static final String FIT_INPUTS =
      "select x, recency_days, age_days, mean_repeat_spend, count(*) as customers from ("
          + PER_CUSTOMER.formatted("")
          + ") h group by x, recency_days, age_days, mean_repeat_spend";

  private static final String OF_CUSTOMERS =
      PER_CUSTOMER.formatted("and o.customer_uuid = any (?::uuid[])");

  /** A customer's inputs; meanRepeatSpend is 0 without repeat purchases. */
  record History(FrequencyRecency frequencyRecency, double meanRepeatSpend) {}

  /** The fit's inputs, equal histories grouped. */
  record Calibration(
      List<FrequencyRecency> histories,
      List<RepeatSpend> repeatSpends,
      int customers,
      int repeatCustomers) {}

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  PurchaseHistories(JdbcTemplate jdbc, ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  /** Every customer's history as of the end of the given day, grouped for fitting. */
  Calibration calibration(LocalDate end) {
    Map<FrequencyRecencyKey, Long> histories = new HashMap<>();
    Map<RepeatSpendKey, Long> spends = new HashMap<>();
    long[] counts = new long[2];
    jdbc.query(
        FIT_INPUTS,
        row -> {
          int x = row.getInt("x");
          long customers = row.getLong("customers");
          histories.merge(
              new FrequencyRecencyKey(x, row.getInt("recency_days"), row.getInt("age_days")),
              customers,
              Long::sum);
          counts[0] += customers;
          double meanRepeatSpend = row.getDouble("mean_repeat_spend");
          // Zero repeat spend (free orders) has no Gamma-Gamma density; such customers still count
          // for frequency.
          if (x > 0 && meanRepeatSpend > 0) {
            spends.merge(new RepeatSpendKey(x, meanRepeatSpend), customers, Long::sum);
            counts[1] += customers;
          }
        },
        zone.getId(),
        end,
        zone.getId(),
        end);
    List<FrequencyRecency> frequencyRecency = new ArrayList<>(histories.size());
    histories.forEach(
        (key, customers) ->
            frequencyRecency.add(
                new FrequencyRecency(
                    key.x(),
                    key.recencyDays() / DAYS_PER_WEEK,
                    key.ageDays() / DAYS_PER_WEEK,
                    customers)));
    List<RepeatSpend> repeatSpends = new ArrayList<>(spends.size());
    spends.forEach(
        (key, customers) ->
            repeatSpends.add(new RepeatSpend(key.x(), key.meanRepeatSpend(), customers)));
    return new Calibration(
        frequencyRecency, repeatSpends, Math.toIntExact(counts[0]), Math.toIntExact(counts[1]));
  }

  /** The given customers' histories as of the end of the given day; absent without orders. */
  Map<UUID, History> ofCustomers(UUID[] customerUuids, LocalDate asOf) {
    Map<UUID, History> histories = new HashMap<>();
    jdbc.query(
        OF_CUSTOMERS,
        row -> {
          int x = row.getInt("x");
          double meanRepeatSpend = x > 0 ? row.getDouble("mean_repeat_spend") : 0;
          histories.put(
              row.getObject("customer_uuid", UUID.class),
              new History(
                  FrequencyRecency.of(
                      x,
                      row.getInt("recency_days") / DAYS_PER_WEEK,
                      row.getInt("age_days") / DAYS_PER_WEEK),
                  meanRepeatSpend));
        },
        zone.getId(),
        asOf,
        zone.getId(),
        customerUuids,
        asOf);
    return histories;
  }

  private record FrequencyRecencyKey(int x, int recencyDays, int ageDays) {}

  private record RepeatSpendKey(int x, double meanRepeatSpend) {}
}
