package com.oxidly.ui.bench;

import com.oxidly.domain.bench.BenchOptions;
import com.oxidly.domain.bench.Machine;
import com.oxidly.domain.search.CustomerIndexer;
import com.oxidly.domain.segment.SegmentMemberships;
import com.oxidly.ui.maintenance.AnalyticsMaintenance;
import com.oxidly.workflows.analytics.RefreshProgress;
import com.oxidly.workflows.analytics.RefreshResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code refresh}: the full analytics refresh of an existing store through its workflow ({@code
 * analytics-refresh:on-demand}, started as {@code POST /api/analytics/refresh} starts it), timed by
 * phase; then the drains that carry its results into the search index and the segment memberships;
 * then a plain SQL scan of the data the refresh reads, for comparison. See docs/benchmarks.md,
 * issue 5.
 *
 * <p>The node's two change-log consumers (the index outbox indexer and the live segment drainer)
 * are off while the refresh runs, so its figure is the refresh alone; whatever they left queued
 * before is drained first (untimed), and what the refresh queued is drained afterwards, timed as a
 * separate figure. The nightly schedule is off, so nothing else starts a refresh.
 */
final class RefreshBenchmark {

  private final ConfigurableApplicationContext context;
  private final JdbcTemplate jdbc;
  private final SegmentMemberships memberships;
  private final CustomerIndexer indexer;

  private RefreshBenchmark(ConfigurableApplicationContext context) {
    this.context = context;
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.memberships = context.getBean(SegmentMemberships.class);
    // The node's indexer bean is off (oxidly.index.outbox.enabled=false): this one drains only
    // when the benchmark tells it to, with the node's settings.
    this.indexer =
        (CustomerIndexer)
            context
                .getAutowireCapableBeanFactory()
                .autowire(
                    CustomerIndexer.class, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
  }

  static void run(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            args, BenchOptions.names(BenchContext.OPTIONS, "poll-seconds", "drain-seconds"));
    try (ConfigurableApplicationContext context =
        BenchContext.start(
            options,
            false,
            List.of("oxidly.segments.live.enabled=false", "oxidly.analytics.refresh.cron="))) {
      new RefreshBenchmark(context)
          .measure(options.getInt("poll-seconds", 10), options.getInt("drain-seconds", 3_600));
    }
  }

  private void measure(int pollSeconds, int drainSeconds) throws Exception {
    ContextBenchmarks.requireIndex(context);
    long customers = ContextBenchmarks.customers(context);
    long orders = count("select count(*) from orders");
    long reviews = count("select count(*) from reviews");
    long interactions = count("select count(*) from interactions");
    settle();

    String loadAtStart = Machine.load();
    System.out.println(
        Machine.stamp(
            String.format(
                Locale.ROOT,
                "analytics refresh of %,d customers (%,d orders, %,d reviews, %,d interactions)",
                customers,
                orders,
                reviews,
                interactions)));
    Duration cpu = Machine.processCpu();
    long started = System.nanoTime();
    WorkflowExecution execution = context.getBean(AnalyticsMaintenance.class).startRefresh();
    RefreshResult result = await(execution, pollSeconds);
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    Duration refreshCpu = Machine.processCpu().minus(cpu);
    String loadAtEnd = Machine.load();
    System.out.println(Machine.stamp("refresh done"));

    RefreshPhases phases = phases(execution);
    check(customers, result, phases);
    long changedCustomers =
        count("select count(distinct customer_uuid) from customer_index_outbox");
    long outboxEntries = indexer.backlog();
    long segmentEntries = memberships.backlog();

    System.out.println(Machine.stamp("plain SQL scans"));
    List<Scan> scans =
        List.of(
            scan(
                "orders per customer",
                orders,
                "select customer_uuid, count(distinct ordered_at::date), sum(total),"
                    + " min(ordered_at), max(ordered_at) from orders where status not in"
                    + " ('cancelled','refunded') group by customer_uuid"),
            scan(
                "review texts",
                reviews,
                "select review_id, customer_uuid, created_at, concat_ws(' ', title, body) from"
                    + " reviews"),
            scan(
                "interaction texts",
                interactions,
                "select interaction_id, customer_uuid, created_at, concat_ws(' ', subject, body)"
                    + " from interactions"));

    System.out.println(Machine.stamp("draining what the refresh queued"));
    Drains drains = drain(drainSeconds);
    System.out.println(Machine.stamp("done"));

    print(
        customers,
        result,
        phases,
        wallSeconds,
        refreshCpu,
        changedCustomers,
        outboxEntries,
        segmentEntries,
        drains,
        scans);
    System.out.println();
    System.out.println(
        "Load: " + loadAtStart + " at the start of the refresh, " + loadAtEnd + " at its end.");
    if (!drains.complete()) {
      throw new IllegalStateException(
          "the queues were not drained within " + drainSeconds + " s (--drain-seconds)");
    }
  }

  /** Drains what earlier runs or the store's load left queued, so the refresh starts clean. */
  private void settle() {
    long segments = memberships.backlog();
    long outbox = indexer.backlog();
    if (segments == 0 && outbox == 0) {
      return;
    }
    System.out.println(
        Machine.stamp(
            String.format(
                Locale.ROOT,
                "settling first (untimed): %,d segment queue and %,d index outbox entries",
                segments,
                outbox)));
    Drains drains = drain(Integer.MAX_VALUE);
    System.out.printf(
        Locale.ROOT,
        "  settled in %.1f s (segments %.1f s, index %.1f s)%n",
        Math.max(drains.segmentSeconds(), drains.indexSeconds()),
        drains.segmentSeconds(),
        drains.indexSeconds());
  }

  /** Waits for the refresh, printing its progress query every {@code pollSeconds}. */
  private RefreshResult await(WorkflowExecution execution, int pollSeconds) {
    WorkflowStub run =
        context
            .getBean(WorkflowClient.class)
            .newUntypedWorkflowStub(execution.getWorkflowId(), Optional.empty(), Optional.empty());
    AnalyticsMaintenance maintenance = context.getBean(AnalyticsMaintenance.class);
    return ContextBenchmarks.awaitResult(
        run,
        RefreshResult.class,
        pollSeconds,
        () -> {
          RefreshProgress progress = maintenance.progress().orElseThrow();
          return String.format(
              Locale.ROOT,
              "%s: scored %,d, assigned %,d of %,d",
              progress.phase(),
              progress.scored(),
              progress.assigned(),
              progress.total());
        });
  }

  /** The events of every run of the refresh, following its continue-as-new chain. */
  private RefreshPhases phases(WorkflowExecution execution) {
    WorkflowClient client = context.getBean(WorkflowClient.class);
    List<HistoryEvent> events = new ArrayList<>();
    String runId = execution.getRunId();
    while (runId != null) {
      List<HistoryEvent> run = client.fetchHistory(execution.getWorkflowId(), runId).getEvents();
      events.addAll(run);
      HistoryEvent last = run.getLast();
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return RefreshPhases.of(events, client.getOptions().getDataConverter());
  }

  /** Fails loudly unless the refresh did all of its work, for every customer. */
  private void check(long customers, RefreshResult result, RefreshPhases phases) {
    List<String> problems = new ArrayList<>();
    if (result.scored() < customers) {
      problems.add("scored " + result.scored() + " of " + customers + " customers");
    }
    long scoredPages = phases.timing(RefreshPhases.Phase.SCORING).items();
    if (scoredPages != result.scored()) {
      problems.add(
          "its scoring pages add up to " + scoredPages + ", its result to " + result.scored());
    }
    if (phases.lifetimeValueModel() == null) {
      problems.add("no lifetime-value model was fitted (too little history?)");
    }
    if (phases.personaModel() == null) {
      problems.add("no persona model was fitted (too few customers?)");
    } else {
      long assigned = phases.timing(RefreshPhases.Phase.PERSONA_ASSIGNMENT).items();
      long elsewhere =
          count(
              "select count(*) from customers c where not exists (select 1 from personas p where"
                  + " p.id = c.persona_id and p.model_version = "
                  + phases.personaModel()
                  + ")");
      if (assigned < customers || elsewhere > 0) {
        problems.add(
            "assigned "
                + assigned
                + " of "
                + customers
                + " customers to personas; "
                + elsewhere
                + " are not in the new model");
      }
    }
    long evaluated = phases.timing(RefreshPhases.Phase.SEGMENTS).items();
    if (evaluated < customers) {
      problems.add("re-evaluated segments for " + evaluated + " of " + customers + " customers");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the refresh is incomplete: " + String.join("; ", problems));
    }
  }

  /**
   * What draining the queues took.
   *
   * @param segmentSeconds until the segment evaluation queue was empty
   * @param indexSeconds until the index outbox was empty after the segment queue was (evaluating
   *     segments changes memberships, which the index carries)
   * @param complete false when the time limit stopped them
   */
  private record Drains(double segmentSeconds, double indexSeconds, boolean complete) {}

  /**
   * Drains the segment evaluation queue and the index outbox at once, as a node's two drainers do,
   * each batch in its own transaction; stops after {@code limitSeconds}.
   */
  private Drains drain(int limitSeconds) {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(limitSeconds);
    CompletableFuture<Double> segments =
        CompletableFuture.supplyAsync(
            () ->
                drainUntilEmpty(
                    () -> memberships.drainBatch(SegmentMemberships.QUEUE_BATCH),
                    () -> true,
                    started,
                    deadline));
    double index = drainUntilEmpty(indexer::drainBatch, segments::isDone, started, deadline);
    double segmentSeconds = segments.join();
    return new Drains(
        segmentSeconds,
        index,
        segmentSeconds >= 0 && index >= 0 && memberships.backlog() == 0 && indexer.backlog() == 0);
  }

  /**
   * Takes batches until one is empty after {@code upstreamDone} said no more entries will come,
   * resting 200 ms (the drainers' poll interval) after an empty batch.
   *
   * @return seconds from {@code started}; -1 when {@code deadline} came first
   */
  private static double drainUntilEmpty(
      IntSupplier batch, BooleanSupplier upstreamDone, long started, long deadline) {
    while (System.nanoTime() - deadline < 0) {
      boolean last = upstreamDone.getAsBoolean();
      if (batch.getAsInt() == 0) {
        if (last) {
          return (System.nanoTime() - started) / 1e9;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * One plain SQL scan streamed to the client.
   *
   * @param tableRows rows of the table the query reads
   * @param rows rows returned
   * @param characters characters of every column returned, read as strings
   */
  private record Scan(String what, long tableRows, long rows, long characters, double seconds) {}

  private Scan scan(String what, long tableRows, String sql) throws SQLException {
    DataSource dataSource = context.getBean(DataSource.class);
    try (Connection connection = dataSource.getConnection()) {
      // A cursor: rows stream in fetches of 10,000 instead of arriving all at once.
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      long rows = 0;
      long characters = 0;
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(10_000);
        try (ResultSet result = statement.executeQuery()) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            rows++;
            for (int column = 1; column <= columns; column++) {
              String value = result.getString(column);
              characters += value == null ? 0 : value.length();
            }
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      connection.rollback();
      System.out.printf(Locale.ROOT, "  %s: %,d rows in %.1f s%n", what, rows, seconds);
      return new Scan(what + ": `" + sql + "`", tableRows, rows, characters, seconds);
    }
  }

  private long count(String sql) {
    Long count = jdbc.queryForObject(sql, Long.class);
    return count == null ? 0 : count;
  }

  private static void print(
      long customers,
      RefreshResult result,
      RefreshPhases phases,
      double wallSeconds,
      Duration cpu,
      long changedCustomers,
      long outboxEntries,
      long segmentEntries,
      Drains drains,
      List<Scan> scans) {
    double workflowSeconds = phases.total().toNanos() / 1e9;
    System.out.println();
    System.out.println("| refresh phase | activities | items | changed | seconds | share |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (RefreshPhases.Timing timing : phases.timings()) {
      double seconds = timing.duration().toNanos() / 1e9;
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %s | %s | %.1f | %.1f %% |%n",
          timing.phase().label,
          timing.calls(),
          timing.phase().items.isEmpty()
              ? ""
              : String.format(Locale.ROOT, "%,d %s", timing.items(), timing.phase().items),
          timing.phase().items.isEmpty() || timing.phase() == RefreshPhases.Phase.COUNTING
              ? ""
              : String.format(Locale.ROOT, "%,d", timing.changed()),
          seconds,
          100 * seconds / workflowSeconds);
    }
    System.out.printf(
        Locale.ROOT,
        "| **whole workflow** (first start to last completion, server time) | | %,d customers"
            + " scored | | %.1f | 100 %% |%n",
        result.scored(),
        workflowSeconds);
    System.out.println();
    System.out.println("| figure | value |");
    System.out.println("| --- | ---: |");
    figure(
        "**full refresh**, wall (start request to result)",
        String.format(
            Locale.ROOT, "**%.1f s** (%,.0f customers/s)", wallSeconds, customers / wallSeconds));
    figure(
        "Oxidly JVM CPU during the refresh (activities, workers, Temporal server; not PostgreSQL)",
        String.format(Locale.ROOT, "%.1f s", cpu.toNanos() / 1e9));
    figure(
        "CLV fit",
        String.format(
            Locale.ROOT,
            "%.1f s",
            phases.timing(RefreshPhases.Phase.LIFETIME_VALUE_FIT).duration().toNanos() / 1e9));
    figure("activity retries", String.format(Locale.ROOT, "%,d", phases.activityRetries()));
    figure(
        "customers changed (queued for the index)",
        String.format(Locale.ROOT, "%,d of %,d", changedCustomers, customers));
    System.out.println();
    System.out.println("| after the refresh (separately, drained at once) | entries | seconds |");
    System.out.println("| --- | ---: | ---: |");
    drainRow(
        "segment evaluation queue (live memberships)", segmentEntries, drains.segmentSeconds());
    drainRow(
        "customer index outbox, to Elasticsearch (membership changes add entries while both drain)",
        outboxEntries,
        drains.indexSeconds());
    System.out.println();
    System.out.println(
        "| plain SQL, streamed to the client | table rows | rows returned | M characters |"
            + " seconds | table rows/s |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    double scanSeconds = 0;
    for (Scan scan : scans) {
      scanSeconds += scan.seconds();
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d | %,.1f | %.1f | %,.0f |%n",
          scan.what(),
          scan.tableRows(),
          scan.rows(),
          scan.characters() / 1e6,
          scan.seconds(),
          scan.tableRows() / scan.seconds());
    }
    System.out.printf(
        Locale.ROOT,
        "| **all three** | | | | **%.1f** | |%n%nThe refresh took %.1fx the plain scans.%n",
        scanSeconds,
        wallSeconds / scanSeconds);
  }

  private static void figure(String name, String value) {
    System.out.println("| " + name + " | " + value + " |");
  }

  private static void drainRow(String queue, long entries, double seconds) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %s |%n",
        queue,
        entries,
        seconds < 0 ? "not drained" : String.format(Locale.ROOT, "%.1f", seconds));
  }
}
