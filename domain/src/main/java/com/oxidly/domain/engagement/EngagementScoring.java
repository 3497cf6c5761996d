package com.oxidly.domain.engagement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes engagement scores ({@link EngagementFormula}) from PostgreSQL and stores them in {@code
 * customers.engagement_score}, from where the change log carries them into the search index. Every
 * method is idempotent: storing writes only scores that changed, so a rerun touches nothing.
 */
@Service
public class EngagementScoring {

  /** Customers per page of a full rescoring. */
  static final int PAGE_SIZE = 5_000;

  private static final String INPUTS =
      """
      select c.customer_uuid, c.last_order_at,
             (select count(*) from orders o
               where o.customer_uuid = c.customer_uuid and o.ordered_at > ?
                 and o.status not in ('cancelled', 'refunded')) as orders_last_year,
             (select count(*) from reviews r
               where r.customer_uuid = c.customer_uuid and r.created_at > ?) as reviews_last_year,
             (select count(*) from interactions i
               where i.customer_uuid = c.customer_uuid and i.created_at > ?
                 and i.type = 'campaign_response') as recent_responses
        from customers c
      """;

  private final JdbcTemplate jdbc;
  private final EngagementProperties weights;
  private final Clock clock;

  EngagementScoring(JdbcTemplate jdbc, EngagementProperties weights, Clock clock) {
    this.jdbc = jdbc;
    this.weights = weights;
    this.clock = clock;
  }

  /**
   * The engagement of one customer now, with its explanation, computed fresh.
   *
   * @throws NoSuchElementException when there is no such customer
   */
  public Engagement explain(UUID customerUuid) {
    Instant now = clock.instant();
    Map<UUID, EngagementInputs> inputs = inputs(" where c.customer_uuid = ?", now, customerUuid);
    EngagementInputs found = inputs.get(customerUuid);
    if (found == null) {
      throw new NoSuchElementException("no customer " + customerUuid);
    }
    return EngagementFormula.score(found, weights, now);
  }

  /**
   * Rescores every customer, page by page in uuid order.
   *
   * @param progress told the number of customers scored so far after each page
   * @return how many customers' stored scores changed
   */
  public long scoreAll(LongConsumer progress) {
    UUID after = null;
    long scored = 0;
    long changed = 0;
    while (true) {
      ScoredPage page = scorePage(after, PAGE_SIZE);
      scored += page.scored();
      changed += page.changed();
      if (page.scored() > 0) {
        progress.accept(scored);
      }
      if (page.scored() < PAGE_SIZE) {
        return changed;
      }
      after = page.lastUuid();
    }
  }

  /**
   * Rescores the next {@code size} customers after {@code afterUuid} in uuid order.
   *
   * @param afterUuid the last customer of the previous page; null for the first page
   * @return the page; fewer than {@code size} customers means no more follow
   */
  public ScoredPage scorePage(UUID afterUuid, int size) {
    Instant now = clock.instant();
    Map<UUID, EngagementInputs> page =
        afterUuid == null
            ? inputs(" order by c.customer_uuid limit ?", now, size)
            : inputs(
                " where c.customer_uuid > ? order by c.customer_uuid limit ?",
                now,
                afterUuid,
                size);
    if (page.isEmpty()) {
      return new ScoredPage(0, 0, afterUuid);
    }
    UUID last = page.keySet().stream().reduce((a, b) -> b).orElseThrow();
    return new ScoredPage(page.size(), store(page, now), last);
  }

  /**
   * One page of {@link #scorePage}.
   *
   * @param scored customers scored
   * @param changed of them, customers whose stored score changed
   * @param lastUuid cursor for the next page (the given one when the page was empty)
   */
  public record ScoredPage(int scored, long changed, UUID lastUuid) {}

  /**
   * Rescores these customers (after their orders, reviews or responses changed); unknown ones are
   * skipped.
   *
   * @return how many stored scores changed
   */
  public long score(Collection<UUID> customerUuids) {
    if (customerUuids.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    return store(
        inputs(" where c.customer_uuid = any(?)", now, (Object) customerUuids.toArray(UUID[]::new)),
        now);
  }

  private long store(Map<UUID, EngagementInputs> inputs, Instant now) {
    List<Object[]> rows = new ArrayList<>(inputs.size());
    inputs.forEach(
        (uuid, in) ->
            rows.add(new Object[] {EngagementFormula.score(in, weights, now).score(), uuid}));
    long changed = 0;
    for (int updated :
        jdbc.batchUpdate(
            "update customers set engagement_score = ? where customer_uuid = ?"
                + " and engagement_score is distinct from ?",
            rows.stream().map(r -> new Object[] {r[0], r[1], r[0]}).toList())) {
      changed += Math.max(updated, 0);
    }
    return changed;
  }

  private Map<UUID, EngagementInputs> inputs(String where, Instant now, Object... arguments) {
    Timestamp yearAgo = Timestamp.from(now.minus(Duration.ofDays(365)));
    Timestamp responsesSince = Timestamp.from(now.minus(weights.responseWindow()));
    Object[] parameters = new Object[3 + arguments.length];
    parameters[0] = yearAgo;
    parameters[1] = yearAgo;
    parameters[2] = responsesSince;
    System.arraycopy(arguments, 0, parameters, 3, arguments.length);
    Map<UUID, EngagementInputs> inputs = new LinkedHashMap<>();
    jdbc.query(
        INPUTS + where,
        row -> {
          inputs.put(row.getObject("customer_uuid", UUID.class), inputsOf(row));
        },
        parameters);
    return inputs;
  }

  private static EngagementInputs inputsOf(ResultSet row) throws SQLException {
    Timestamp last = row.getTimestamp("last_order_at");
    return new EngagementInputs(
        last == null ? null : last.toInstant(),
        row.getLong("orders_last_year"),
        row.getLong("reviews_last_year"),
        row.getLong("recent_responses"));
  }
}
