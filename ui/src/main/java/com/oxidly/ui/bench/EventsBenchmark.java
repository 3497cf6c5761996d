package com.oxidly.ui.bench;

import com.oxidly.domain.bench.BenchOptions;
import com.oxidly.domain.bench.Latencies;
import com.oxidly.domain.bench.Machine;
import com.oxidly.domain.events.CustomerEvents;
import com.oxidly.domain.events.EventInput;
import com.oxidly.domain.journey.Journeys;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code events}: events driven at a target rate through {@link CustomerEvents} (the service behind
 * {@code POST /api/events}) into a published abandoned-cart journey, then 10,000 journeys left
 * waiting to weigh them. See docs/benchmarks.md, issue 6.
 *
 * <p>Journey events follow each customer through rounds: a cart (round 0 admits the customer: the
 * run's entry is the step measured), the order of that cart (round 1 ends the run: the recorded
 * wait-for-order step is measured), then carts the re-entry rule turns away and orders no run waits
 * for, which still cost the relay and Temporal their work. The other events ({@code
 * --journey-share} below 100) are page views of random customers.
 */
final class EventsBenchmark {

  private final JdbcTemplate jdbc;
  private final CustomerEvents events;
  private final Journeys journeys;
  private final String stamp = Long.toString(System.currentTimeMillis(), 36);

  /** When each event's transaction committed (epoch ms, as Temporal's workflow clock counts). */
  private final Map<String, Long> committedAt = new ConcurrentHashMap<>();

  private EventsBenchmark(ConfigurableApplicationContext context) {
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.events = context.getBean(CustomerEvents.class);
    this.journeys = context.getBean(Journeys.class);
  }

  static void run(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            args,
            BenchOptions.names(
                BenchContext.OPTIONS,
                "rate",
                "seconds",
                "batch",
                "writers",
                "journey-share",
                "waiting",
                "drain-seconds"));
    try (ConfigurableApplicationContext context = BenchContext.start(options, false)) {
      new EventsBenchmark(context).measure(options);
    }
  }

  private void measure(BenchOptions options) throws Exception {
    int rate = options.getInt("rate", 2_500);
    int seconds = options.getInt("seconds", 60);
    int batch = options.getInt("batch", 50);
    int writers = options.getInt("writers", 4);
    int journeyShare = options.getInt("journey-share", 100);
    int waiting = options.getInt("waiting", 10_000);
    int drainSeconds = options.getInt("drain-seconds", 600);
    forgetEarlierRuns();
    List<UUID> customers =
        new ArrayList<>(
            jdbc.queryForList(
                "select customer_uuid from customers order by customer_uuid", UUID.class));
    Collections.shuffle(customers, new Random(42));
    long journey = publishAbandonedCart();
    String load = Machine.load();
    System.out.println(
        Machine.stamp(
            String.format(
                Locale.ROOT,
                "events at %,d/s for %d s (%d %% journey events, batches of %d, %d writers) on"
                    + " %,d customers",
                rate,
                seconds,
                journeyShare,
                batch,
                writers,
                customers.size())));

    Map<UUID, String> entryKeys = new HashMap<>();
    List<List<EventInput>> batches =
        plan(customers, rate * seconds, batch, journeyShare, entryKeys);
    long orders = batches.stream().flatMap(List::stream).filter(this::isFirstOrder).count();
    Drive drive = drive(batches, rate, writers);
    long relayedAtEnd = relayed();
    long drainStarted = System.nanoTime();
    awaitDrained(journey, entryKeys.size(), orders, drainSeconds);
    double drainSecondsTaken = (System.nanoTime() - drainStarted) / 1e9;
    Relay relay = relayFigures(drive.startedMillis());

    Latencies entries = entryLatencies(journey, entryKeys);
    Latencies stepsTaken = orderLatencies(journey);
    Latencies all = new Latencies();
    all.addAll(entries);
    all.addAll(stepsTaken);
    String loadAfterEvents = Machine.load();

    System.out.println();
    System.out.println(
        "| events | target /s | stored /s | relayed /s | pending when driving stopped | drained"
            + " after s |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
    System.out.printf(
        Locale.ROOT,
        "| %,d | %,d | %,.0f | %,.0f | %,d | %.1f |%n",
        drive.stored(),
        rate,
        drive.stored() / drive.seconds(),
        relay.perSecond(),
        drive.stored() - relayedAtEnd,
        drainSecondsTaken);
    System.out.println();
    System.out.println(
        "| event to journey step | measured | of expected | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    row("cart -> run entered (first wait step)", entries, entryKeys.size());
    row("order -> wait-for-order step recorded", stepsTaken, orders);
    row("**all**", all, entryKeys.size() + orders);
    System.out.println();
    System.out.println("Load: " + load + " at start, " + loadAfterEvents + " after the events.");

    committedAt.clear();
    if (waiting > 0) {
      memory(customers, waiting, drainSeconds);
    }
    System.out.println(Machine.stamp("done"));
  }

  private void row(String what, Latencies latencies, long expected) {
    if (expected == 0) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f |%n",
        what,
        latencies.count(),
        expected,
        latencies.p50(),
        latencies.percentileMillis(90),
        latencies.p99(),
        latencies.maxMillis());
  }

  /**
   * Earlier bench runs on this store died with their in-memory Temporal server: their runs are
   * closed in the index and their journeys take no new entries, so this run starts clean.
   */
  private void forgetEarlierRuns() {
    jdbc.update("update journeys set status = 'paused' where status = 'active'");
    jdbc.update(
        """
        update journey_runs set status = 'exited', end_reason = 'bench_restart', ended_at = now(),
               current_step = null
         where status = 'active'\
        """);
    jdbc.update("update customer_events set relayed_at = now() where relayed_at is null");
  }

  private long publishAbandonedCart() {
    long id = journeys.createFromTemplate("abandoned-cart", "bench");
    journeys.publish(id, "bench");
    return id;
  }

  private List<List<EventInput>> plan(
      List<UUID> customers, int total, int batch, int journeyShare, Map<UUID, String> entryKeys) {
    Random random = new Random(7);
    List<List<EventInput>> batches = new ArrayList<>();
    List<EventInput> current = new ArrayList<>();
    long journeyEvents = 0;
    for (int i = 0; i < total; i++) {
      EventInput event;
      String key = stamp + "-" + i;
      if (i % 100 < journeyShare) {
        long k = journeyEvents++;
        UUID customer = customers.get((int) (k % customers.size()));
        long round = k / customers.size();
        String cart = "cart-" + stamp + "-" + (round / 2);
        if (round % 2 == 0) {
          if (round == 0) {
            entryKeys.put(customer, key);
          }
          event = event(key, "cart_updated", customer, Map.of("cart_id", cart));
        } else {
          event =
              event(
                  (round == 1 ? "order1-" : "order-") + key,
                  "order_placed",
                  customer,
                  Map.of("cart_id", cart, "total", 25));
        }
      } else {
        UUID customer = customers.get(random.nextInt(customers.size()));
        event = event(key, "page_viewed", customer, Map.of("path", "/products/" + i % 200));
      }
      current.add(event);
      if (current.size() == batch) {
        batches.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private boolean isFirstOrder(EventInput event) {
    return event.eventKey().startsWith("order1-");
  }

  private static EventInput event(
      String key, String type, UUID customer, Map<String, Object> properties) {
    return new EventInput(key, type, customer.toString(), null, null, properties, null);
  }

  private record Drive(long stored, double seconds, long startedMillis) {}

  /** Posts the batches at {@code rate} events/s from {@code writers} threads, as services would. */
  private Drive drive(List<List<EventInput>> batches, int rate, int writers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicLong stored = new AtomicLong();
    long startedMillis = System.currentTimeMillis();
    long started = System.nanoTime();
    List<Future<?>> posted = new ArrayList<>();
    long sent = 0;
    for (List<EventInput> batch : batches) {
      // Open-loop: batch n is due when n batches' worth of events fit the target rate, however
      // late earlier ones are, so a slow store shows as a lower stored rate, not a slower driver.
      long due = started + (long) (sent * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      sent += batch.size();
      posted.add(
          pool.submit(
              () -> {
                events.record(batch, "service");
                long now = System.currentTimeMillis();
                batch.forEach(e -> committedAt.put(e.eventKey(), now));
                stored.addAndGet(batch.size());
              }));
    }
    for (Future<?> future : posted) {
      future.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    return new Drive(stored.get(), seconds, startedMillis);
  }

  private long relayed() {
    Long count =
        jdbc.queryForObject(
            "select count(*) from customer_events where event_key like ? and relayed_at is not"
                + " null",
            Long.class,
            "%" + stamp + "-%");
    return count == null ? 0 : count;
  }

  private record Relay(long relayed, double perSecond) {}

  /** Events relayed per second of relaying, from the first commit to the last event relayed. */
  private Relay relayFigures(long startedMillis) {
    return jdbc.queryForObject(
        """
        select count(*), extract(epoch from max(relayed_at) - ?) from customer_events
         where event_key like ? and relayed_at is not null\
        """,
        (rs, n) -> new Relay(rs.getLong(1), rs.getLong(1) / rs.getDouble(2)),
        new Timestamp(startedMillis),
        "%" + stamp + "-%");
  }

  /** Waits until every event is relayed and every run it should cause has taken its step. */
  private void awaitDrained(long journey, long expectedEntries, long expectedOrders, int most)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(most);
    long lastReport = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long pending =
          jdbc.queryForObject(
              "select count(*) from customer_events where relayed_at is null", Long.class);
      long entered = entered(journey);
      long ordered = ordersTaken(journey);
      if (pending == 0 && entered >= expectedEntries && ordered >= expectedOrders) {
        return;
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
        System.out.printf(
            Locale.ROOT,
            "  draining: %,d events pending, %,d of %,d runs entered, %,d of %,d orders taken%n",
            pending,
            entered,
            expectedEntries,
            ordered,
            expectedOrders);
        lastReport = System.nanoTime();
      }
      Thread.sleep(200);
    }
    System.out.println("  gave up draining after " + most + " s: figures below are partial");
  }

  private long entered(long journey) {
    return jdbc.queryForObject(
        "select count(*) from journey_runs where journey_id = ?", Long.class, journey);
  }

  private long ordersTaken(long journey) {
    return jdbc.queryForObject(
        """
        select count(*) from journey_steps s join journey_runs r on r.run_id = s.run_id
         where r.journey_id = ? and s.step_id = 'wait-for-order' and s.outcome = 'event'\
        """,
        Long.class,
        journey);
  }

  /** Commit of each customer's first cart to the run's entry (Temporal's clock: real time). */
  private Latencies entryLatencies(long journey, Map<UUID, String> entryKeys) {
    Latencies latencies = new Latencies();
    jdbc.query(
        "select customer_uuid, entered_at from journey_runs where journey_id = ?",
        rs -> {
          Long committed = committedAt.get(entryKeys.get(rs.getObject(1, UUID.class)));
          if (committed != null) {
            latencies.add((rs.getTimestamp(2).getTime() - committed) * 1_000_000L);
          }
        },
        journey);
    return latencies;
  }

  /** Commit of each first order to the wait-for-order step it answered being recorded. */
  private Latencies orderLatencies(long journey) {
    Latencies latencies = new Latencies();
    jdbc.query(
        """
        select s.detail, s.occurred_at from journey_steps s join journey_runs r
            on r.run_id = s.run_id
         where r.journey_id = ? and s.step_id = 'wait-for-order' and s.outcome = 'event'\
        """,
        rs -> {
          Long committed = committedAt.get(rs.getString(1));
          if (committed != null) {
            latencies.add((rs.getTimestamp(2).getTime() - committed) * 1_000_000L);
          }
        },
        journey);
    return latencies;
  }

  /**
   * Heap of this worker process (with its in-process Temporal test server) before and after {@code
   * waiting} customers enter a second abandoned-cart journey and stay in its one-hour wait.
   */
  private void memory(List<UUID> customers, int waiting, int most) throws Exception {
    jdbc.update("update journeys set status = 'paused' where status = 'active'");
    long journey = publishAbandonedCart();
    Map<String, long[]> before = histogram();
    long heapBefore = heapUsed();
    System.out.println(Machine.stamp(String.format(Locale.ROOT, "%,d journeys waiting", waiting)));
    List<EventInput> carts = new ArrayList<>();
    for (int i = 0; i < waiting; i++) {
      UUID customer = customers.get(i % customers.size());
      carts.add(
          event(
              "wait-" + stamp + "-" + i,
              "cart_updated",
              customer,
              Map.of("cart_id", "wait-" + stamp + "-" + i)));
      if (carts.size() == 500 || i == waiting - 1) {
        events.record(carts, "service");
        carts = new ArrayList<>();
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(most);
    long active = 0;
    while (System.nanoTime() < deadline) {
      active =
          jdbc.queryForObject(
              "select count(*) from journey_runs where journey_id = ? and status = 'active'"
                  + " and current_step = 'wait-for-order'",
              Long.class,
              journey);
      if (active >= waiting) {
        break;
      }
      Thread.sleep(500);
    }
    // Let the last workflow tasks finish before weighing.
    Thread.sleep(3_000);
    Map<String, long[]> after = histogram();
    long heapAfter = heapUsed();
    System.out.println();
    System.out.println(
        "| journeys waiting | heap before MB | heap after MB | difference MB | KB per journey |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: |");
    System.out.printf(
        Locale.ROOT,
        "| %,d | %,.0f | %,.0f | %,.0f | %.1f |%n",
        active,
        heapBefore / 1048576.0,
        heapAfter / 1048576.0,
        (heapAfter - heapBefore) / 1048576.0,
        (heapAfter - heapBefore) / 1024.0 / Math.max(1, active));
    System.out.println();
    System.out.println("Largest growth by class (live objects after a full GC):");
    System.out.println();
    System.out.println("| class | instances added | MB added |");
    System.out.println("| --- | ---: | ---: |");
    after.entrySet().stream()
        .map(
            e -> {
              long[] was = before.getOrDefault(e.getKey(), new long[2]);
              return Map.entry(
                  e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
            })
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(12)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "| `%s` | %,d | %.1f |%n",
                    e.getKey(),
                    e.getValue()[0],
                    e.getValue()[1] / 1048576.0));
  }

  private static long heapUsed() throws InterruptedException {
    System.gc();
    Thread.sleep(500);
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Live instances and bytes per class, from the JVM's class histogram (forces a full GC). */
  private static Map<String, long[]> histogram() throws Exception {
    String text =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 4 && parts[0].endsWith(":")) {
        classes.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
      }
    }
    return classes;
  }
}
