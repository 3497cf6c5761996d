package com.oxidly.domain.segment;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code customers.segments} equal to what the segments say, one set of customers at a time,
 * and records every entry and exit as a customer event ({@code segment_entered} / {@code
 * segment_left}, source {@code segment}) in the same transaction as the membership change, so a
 * journey can start from it and nothing is announced that did not happen.
 *
 * <p>Three ways in, none of them a loop over all customers on a timer:
 *
 * <ul>
 *   <li>{@link #drainBatch}: customers queued by triggers when their data changed (orders, reviews,
 *       interactions, profile, scores, static member lists), against every segment.
 *   <li>{@link #reevaluatePage} with a key: one segment over all customers in pages, after its
 *       definition was created or edited.
 *   <li>{@link #reevaluatePage} without a key: the segments whose answer moves without data
 *       changing (time windows, ranks) over all customers, after each analytics refresh.
 * </ul>
 *
 * <p>Idempotent: only differences between the stored and the evaluated membership are written, so
 * evaluating the same customers again writes and announces nothing. Event keys are {@code
 * segment:<key>:<uuid>:<enter|leave>:<n>} with n counting that customer's entries (or exits) of
 * that segment, a unique key, so even a replayed transition cannot be recorded twice.
 */
@Service
public class SegmentMemberships {

  /** Customers per queue batch. */
  public static final int QUEUE_BATCH = 500;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate transactions;
  private final PostgresCustomerQueries queries;
  private final Segments segments;
  private final Clock clock;

  SegmentMemberships(
      JdbcTemplate jdbc,
      NamedParameterJdbcTemplate named,
      TransactionTemplate transactions,
      PostgresCustomerQueries queries,
      Segments segments,
      Clock clock) {
    this.jdbc = jdbc;
    this.named = named;
    this.transactions = transactions;
    this.queries = queries;
    this.segments = segments;
    this.clock = clock;
  }

  /**
   * What an evaluation changed.
   *
   * @param customers customers evaluated
   * @param entered memberships gained
   * @param left memberships lost
   */
  public record Outcome(int customers, int entered, int left) {
    static final Outcome NONE = new Outcome(0, 0, 0);
  }

  /**
   * One page of a re-evaluation over all customers.
   *
   * @param lastUuid the cursor for the next page; null when the page was empty
   * @param last true when no customers follow
   */
  public record Page(int customers, int entered, int left, UUID lastUuid, boolean last) {}

  /**
   * Evaluates up to {@code batchSize} queued customers against every segment and removes them from
   * the queue, in one transaction: a failure leaves them queued. Several nodes may drain at once.
   *
   * @return queue entries consumed (0 when the queue is empty)
   */
  public int drainBatch(int batchSize) {
    Integer consumed =
        transactions.execute(
            status -> {
              List<UUID> queued =
                  jdbc.queryForList(
                      "delete from segment_evaluation_queue where id in (select id from"
                          + " segment_evaluation_queue order by id limit ? for update skip"
                          + " locked) returning customer_uuid",
                      UUID.class,
                      batchSize);
              if (!queued.isEmpty()) {
                apply(queued, segments.all());
              }
              return queued.size();
            });
    return consumed == null ? 0 : consumed;
  }

  /** Customers waiting for evaluation. */
  public long backlog() {
    Long waiting = jdbc.queryForObject("select count(*) from segment_evaluation_queue", Long.class);
    return waiting == null ? 0 : waiting;
  }

  /** Evaluates the given customers against every segment now, in a transaction of its own. */
  public Outcome evaluate(Collection<UUID> customers) {
    return transactions.execute(status -> apply(customers, segments.all()));
  }

  /**
   * Re-evaluates the customers after {@code after} (null: from the first), in uuid order, against
   * segment {@code key} and the segments defined through it; or, with a null key, against every
   * segment whose answer changes over time or with ranks (and those defined through them).
   */
  public Page reevaluatePage(String key, UUID after, int pageSize) {
    if (pageSize < 1 || pageSize > 10_000) {
      throw new IllegalArgumentException("pageSize must be between 1 and 10000, was " + pageSize);
    }
    return transactions.execute(
        status -> {
          List<Segment> all = segments.all();
          Set<String> roots =
              all.stream()
                  .filter(s -> key == null ? s.isVolatile() : s.key().equals(Segments.keyOf(key)))
                  .map(Segment::key)
                  .collect(Collectors.toSet());
          List<Segment> scope = withDependents(all, roots);
          if (scope.isEmpty()) {
            return new Page(0, 0, 0, null, true);
          }
          List<UUID> page =
              after == null
                  ? jdbc.queryForList(
                      "select customer_uuid from customers order by customer_uuid limit ?",
                      UUID.class,
                      pageSize)
                  : jdbc.queryForList(
                      "select customer_uuid from customers where customer_uuid > ? order by"
                          + " customer_uuid limit ?",
                      UUID.class,
                      after,
                      pageSize);
          Outcome outcome = apply(page, scope);
          return new Page(
              page.size(),
              outcome.entered(),
              outcome.left(),
              page.isEmpty() ? null : page.getLast(),
              page.size() < pageSize);
        });
  }

  /** The segments in {@code roots} and every segment whose definition refers to one of them. */
  static List<Segment> withDependents(List<Segment> all, Set<String> roots) {
    Set<String> included = new HashSet<>(roots);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Segment segment : all) {
        if (!included.contains(segment.key())
            && segment.definition() != null
            && CustomerQuery.segmentsReferred(segment.definition()).stream()
                .anyMatch(included::contains)) {
          included.add(segment.key());
          grew = true;
        }
      }
    }
    return all.stream().filter(s -> included.contains(s.key())).toList();
  }

  /**
   * Segments in evaluation order: a segment defined through others in scope comes in a later level
   * than they do, so it reads their fresh memberships. Definitions never form cycles (refused when
   * saved); should one appear anyway, its members are evaluated together in a last level.
   */
  static List<List<Segment>> levels(List<Segment> scope) {
    Map<String, Segment> remaining = new LinkedHashMap<>();
    scope.forEach(s -> remaining.put(s.key(), s));
    List<List<Segment>> levels = new ArrayList<>();
    while (!remaining.isEmpty()) {
      List<Segment> level =
          remaining.values().stream()
              .filter(
                  s ->
                      s.definition() == null
                          || CustomerQuery.segmentsReferred(s.definition()).stream()
                              .noneMatch(remaining::containsKey))
              .toList();
      if (level.isEmpty()) {
        level = List.copyOf(remaining.values());
      }
      level.forEach(s -> remaining.remove(s.key()));
      levels.add(level);
    }
    return levels;
  }

  private record Transition(UUID customer, Segment segment, boolean entered) {}

  /** Evaluates and applies, in the caller's transaction. */
  private Outcome apply(Collection<UUID> customers, List<Segment> scope) {
    UUID[] ids =
        customers.stream().filter(Objects::nonNull).distinct().sorted().toArray(UUID[]::new);
    if (ids.length == 0 || scope.isEmpty()) {
      return new Outcome(ids.length, 0, 0);
    }
    // Locked in id order like every batch writer of customers, so writers wait, not deadlock.
    Map<UUID, List<String>> stored = new LinkedHashMap<>();
    jdbc.query(
        "select customer_uuid, segments from customers where customer_uuid = any(?::uuid[])"
            + " order by customer_uuid for no key update",
        row -> {
          Array array = row.getArray(2);
          stored.put(
              row.getObject(1, UUID.class),
              new ArrayList<>(Arrays.asList((String[]) array.getArray())));
        },
        (Object) ids);
    if (stored.isEmpty()) {
      return Outcome.NONE;
    }
    UUID[] present = stored.keySet().toArray(UUID[]::new);
    List<Transition> transitions = new ArrayList<>();
    for (List<Segment> level : levels(scope)) {
      Map<String, Set<UUID>> members = new HashMap<>();
      for (Segment segment : level) {
        members.put(segment.key(), members(segment, present));
      }
      List<Object[]> writes = new ArrayList<>();
      for (Map.Entry<UUID, List<String>> customer : stored.entrySet()) {
        List<String> before = customer.getValue();
        List<String> after = new ArrayList<>();
        Set<String> had = new HashSet<>();
        for (String value : before) {
          String canonical = Segments.keyOf(value);
          if (members.containsKey(canonical)) {
            had.add(canonical); // re-decided below; a legacy spelling is replaced by the key
          } else {
            after.add(value);
          }
        }
        boolean changed = false;
        for (Segment segment : level) {
          boolean in = members.get(segment.key()).contains(customer.getKey());
          if (in) {
            after.add(segment.key());
          }
          if (in != had.contains(segment.key())) {
            transitions.add(new Transition(customer.getKey(), segment, in));
            changed = true;
          }
        }
        if (changed || !sameSet(after, before)) {
          writes.add(new Object[] {after.toArray(String[]::new), customer.getKey()});
          customer.setValue(after);
        }
      }
      if (!writes.isEmpty()) {
        // No updated_at or version bump: segments are derived, like scores, and an editor's
        // optimistic lock must not fail because a membership moved underneath.
        jdbc.batchUpdate(
            "update customers set segments = ?::text[] where customer_uuid = ?", writes);
      }
    }
    record(transitions, present);
    int entered = (int) transitions.stream().filter(Transition::entered).count();
    return new Outcome(stored.size(), entered, transitions.size() - entered);
  }

  private static boolean sameSet(List<String> a, List<String> b) {
    return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
  }

  /** Members of the segment among {@code ids}. */
  private Set<UUID> members(Segment segment, UUID[] ids) {
    if (segment.kind() == SegmentKind.STATIC) {
      return new HashSet<>(
          jdbc.queryForList(
              "select customer_uuid from segment_members where segment_key = ? and customer_uuid"
                  + " = any(?::uuid[])",
              UUID.class,
              segment.key(),
              ids));
    }
    PostgresCustomerQueries.Condition condition = queries.condition(segment.definition());
    MapSqlParameterSource parameters = new MapSqlParameterSource(condition.parameters());
    parameters.addValue("segmentCustomers", ids);
    return new HashSet<>(
        named.queryForList(
            "select c.customer_uuid from customers c where c.customer_uuid ="
                + " any(cast(:segmentCustomers as uuid[])) and ("
                + condition.sql()
                + ")",
            parameters,
            UUID.class));
  }

  /** Stores the transitions as customer events, numbered per customer, segment and direction. */
  private void record(List<Transition> transitions, UUID[] customers) {
    if (transitions.isEmpty()) {
      return;
    }
    Map<String, Long> counts = new HashMap<>();
    jdbc.query(
        "select customer_uuid, properties ->> 'segment', type, count(*) from customer_events"
            + " where customer_uuid = any(?::uuid[]) and source = 'segment' and type in"
            + " ('segment_entered', 'segment_left') group by 1, 2, 3",
        row -> {
          counts.put(
              row.getObject(1, UUID.class) + "|" + row.getString(2) + "|" + row.getString(3),
              row.getLong(4));
        },
        (Object) customers);
    Timestamp now = Timestamp.from(clock.instant());
    List<Object[]> events = new ArrayList<>();
    for (Transition transition : transitions) {
      String type = transition.entered() ? "segment_entered" : "segment_left";
      long n =
          counts.merge(
              transition.customer() + "|" + transition.segment().key() + "|" + type, 1L, Long::sum);
      String eventKey =
          "segment:%s:%s:%s:%d"
              .formatted(
                  transition.segment().key(),
                  transition.customer(),
                  transition.entered() ? "enter" : "leave",
                  n);
      events.add(
          new Object[] {
            eventKey,
            transition.customer(),
            type,
            now,
            transition.segment().key(),
            transition.segment().name()
          });
    }
    jdbc.batchUpdate(
        "insert into customer_events (event_key, customer_uuid, type, occurred_at, properties,"
            + " source) values (?, ?, ?, ?, jsonb_build_object('segment', ?::text, 'segment_name',"
            + " ?::text), 'segment') on conflict (event_key) do nothing",
        events);
  }
}
