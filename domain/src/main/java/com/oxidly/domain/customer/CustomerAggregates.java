package com.oxidly.domain.customer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Keeps the order metrics stored on each customer (total_spent, order_count, first_order_at,
 * last_order_at, average_order_value) equal to what the customer's orders say. Only counted orders
 * count: status not cancelled and not refunded (shared/specs/search-semantics.md).
 */
@Service
public class CustomerAggregates {

  /** Ids per statement: large enough to be set-based, small enough for a quick statement. */
  static final int BATCH = 10_000;

  /*
   * Two statements per batch. The first locks the customers in id order, so two transactions
   * refreshing overlapping customers wait for each other instead of deadlocking. The second reads
   * the orders and writes the metrics; it must be a statement of its own because, under READ
   * COMMITTED, a statement sees the orders committed before it began: had it waited for a lock that
   * another import's chunk held, it would compute the metrics without that chunk's orders and
   * overwrite the right figures with stale ones. Only customers whose metrics differ are written;
   * they get a new updated_at and version, the version so that an editor holding the old row cannot
   * save stale metrics back over the new ones.
   */
  private static final String LOCK =
      """
      select c.customer_uuid
        from customers c
       where c.customer_uuid = any (?::uuid[])
       order by c.customer_uuid
         for no key update
      """;

  private static final String REFRESH =
      """
      with metrics as (
        select l.customer_uuid,
               coalesce(sum(o.total), 0) as total_spent,
               count(o.order_id)::integer as order_count,
               min(o.ordered_at) as first_order_at,
               max(o.ordered_at) as last_order_at
          from unnest(?::uuid[]) as l(customer_uuid)
          left join orders o
            on o.customer_uuid = l.customer_uuid
           and o.status not in ('cancelled', 'refunded')
         group by l.customer_uuid
      ), target as (
        select m.*,
               case when m.order_count = 0 then null
                    else round(m.total_spent / m.order_count, 2) end as average_order_value
          from metrics m
      )
      update customers c
         set total_spent = t.total_spent,
             order_count = t.order_count,
             first_order_at = t.first_order_at,
             last_order_at = t.last_order_at,
             average_order_value = t.average_order_value,
             updated_at = ?,
             version = c.version + 1
        from target t
       where c.customer_uuid = t.customer_uuid
         and (c.total_spent, c.order_count, c.first_order_at, c.last_order_at,
              c.average_order_value)
             is distinct from (t.total_spent, t.order_count, t.first_order_at, t.last_order_at,
              t.average_order_value)
      """;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CustomerAggregates(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Recomputes the order metrics of the given customers from their counted orders: total_spent =
   * sum of totals (0 without orders), order_count, first_order_at and last_order_at (null without
   * orders), average_order_value = total_spent / order_count rounded to 2 decimals (null without
   * orders). Money is in the orders' amounts as stored; currencies are not converted.
   *
   * <p>Runs in the caller's transaction, so metrics and orders commit together; call it inside one
   * (the row locks that keep concurrent refreshes right last until the transaction ends).
   * Idempotent: a customer whose metrics are right already is not written at all; changed ones get
   * updated_at = now (application clock) and their version bumped. Unknown ids are ignored.
   *
   * @param customerUuids customers to refresh; duplicates and nulls are ignored
   */
  public void refresh(Collection<UUID> customerUuids) {
    UUID[] ids =
        customerUuids.stream().filter(Objects::nonNull).distinct().sorted().toArray(UUID[]::new);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (int from = 0; from < ids.length; from += BATCH) {
      UUID[] batch = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BATCH));
      jdbc.query(LOCK, rs -> {}, (Object) batch);
      jdbc.update(REFRESH, batch, now);
    }
  }
}
