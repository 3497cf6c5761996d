package com.oxidly.ui.bench;

import com.oxidly.domain.bench.BenchOptions;
import com.oxidly.domain.bench.Latencies;
import com.oxidly.domain.bench.Machine;
import com.oxidly.domain.nlsearch.SearchBenchmark;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.FreshnessBenchmark;
import com.oxidly.domain.search.IndexBenchmark;
import com.oxidly.domain.search.QueryBenchmark;
import com.oxidly.ui.maintenance.CustomerIndexMaintenance;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.reindex.ReindexProgress;
import com.oxidly.workflows.reindex.ReindexResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmarks that need the running application (Elasticsearch, Temporal, the change-log
 * indexer): each starts a {@link BenchContext} on an existing store, measures, prints a markdown
 * table and stops the context.
 */
final class ContextBenchmarks {

  private ContextBenchmarks() {}

  /**
   * {@code index}: a full rebuild through the {@code reindex:customers} workflow, then a raw bulk
   * of the same documents. Leaves the rebuilt index behind the alias for the other benchmarks.
   */
  static void index(String[] args) {
    BenchOptions options =
        BenchOptions.parse(
            args, BenchOptions.names(BenchContext.OPTIONS, "page-size", "raw-customers"));
    int pageSize = options.getInt("page-size", 2_000);
    try (ConfigurableApplicationContext context = BenchContext.start(options, false)) {
      long customers = customers(context);
      System.out.println(Machine.stamp("rebuild of " + customers + " customers"));
      Duration cpu = Machine.processCpu();
      Duration esCpu = Machine.childrenCpu();
      long started = System.nanoTime();
      context.getBean(CustomerIndexMaintenance.class).startRebuild();
      ReindexResult result = awaitRebuild(context);
      double seconds = (System.nanoTime() - started) / 1e9;
      Duration rebuildCpu = Machine.processCpu().minus(cpu);
      Duration rebuildEsCpu = Machine.childrenCpu().minus(esCpu);
      long counted = context.getBean(CustomerIndex.class).count();
      if (counted != customers || result.indexed() != customers) {
        throw new IllegalStateException(
            "rebuild indexed "
                + result.indexed()
                + ", alias counts "
                + counted
                + " of "
                + customers);
      }

      System.out.println(Machine.stamp("raw bulk"));
      cpu = Machine.processCpu();
      esCpu = Machine.childrenCpu();
      // The raw pass may stop early: its rate is what matters, and a second full pass of a
      // million documents is long on a shared machine.
      long rawLimit = Math.min(customers, options.getInt("raw-customers", Integer.MAX_VALUE));
      long[] nextReport = {rawLimit / 10};
      IndexBenchmark.RawBulk raw =
          new IndexBenchmark(context)
              .rawBulk(
                  pageSize,
                  rawLimit,
                  written -> {
                    if (written >= nextReport[0]) {
                      System.out.printf(Locale.ROOT, "  raw bulk: %,d documents%n", written);
                      nextReport[0] += rawLimit / 10;
                    }
                  });
      Duration rawCpu = Machine.processCpu().minus(cpu);
      Duration rawEsCpu = Machine.childrenCpu().minus(esCpu);
      System.out.println(Machine.stamp("done"));
      System.out.println();
      System.out.println("| path | documents | seconds | docs/s | Oxidly JVM CPU s | ES CPU s |");
      System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
      System.out.printf(
          Locale.ROOT,
          "| rebuild workflow `reindex:customers` (pages of %,d: read PostgreSQL, build, bulk"
              + " create, swap alias) | %,d | %.1f | %,.0f | %.1f | %.1f |%n",
          pageSize,
          result.indexed(),
          seconds,
          result.indexed() / seconds,
          rebuildCpu.toNanos() / 1e9,
          rebuildEsCpu.toNanos() / 1e9);
      System.out.printf(
          Locale.ROOT,
          "| raw `_bulk` of the same documents (bulk requests only) | %,d | %.1f | %,.0f | %.1f |"
              + " %.1f |%n",
          raw.documents(),
          raw.bulk().toNanos() / 1e9,
          raw.documentsPerSecond(),
          rawCpu.toNanos() / 1e9,
          rawEsCpu.toNanos() / 1e9);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "Rebuild at %.0f %% of raw bulk. In the raw pass, reading PostgreSQL and building the"
              + " documents took %.1f s and writing the bulk bodies %.1f s (%,d MB); the JVM and"
              + " ES CPU columns cover the whole pass.%n",
          100 * (result.indexed() / seconds) / raw.documentsPerSecond(),
          raw.build().toNanos() / 1e9,
          raw.serialize().toNanos() / 1e9,
          raw.bytes() >> 20);
    }
  }

  private static ReindexResult awaitRebuild(ConfigurableApplicationContext context) {
    WorkflowStub run =
        context
            .getBean(WorkflowClient.class)
            .newUntypedWorkflowStub(
                WorkflowIds.customerReindex(), Optional.empty(), Optional.empty());
    CustomerIndexMaintenance maintenance = context.getBean(CustomerIndexMaintenance.class);
    return awaitResult(
        run,
        ReindexResult.class,
        10,
        () -> {
          ReindexProgress progress = maintenance.progress().orElseThrow();
          return String.format(
              Locale.ROOT,
              "%s: %,d of %,d",
              progress.phase(),
              progress.indexed(),
              progress.total());
        });
  }

  /**
   * Waits for a workflow's result (following its continue-as-new chain), printing {@code progress}
   * and the seconds waited every {@code pollSeconds}. A long poll: the result returns the moment
   * the workflow completes, so the wait adds nothing to a timing.
   *
   * @throws io.temporal.client.WorkflowFailedException when the workflow failed
   */
  static <T> T awaitResult(
      WorkflowStub run, Class<T> type, int pollSeconds, Supplier<String> progress) {
    long started = System.nanoTime();
    while (true) {
      try {
        return run.getResult(pollSeconds, TimeUnit.SECONDS, type);
      } catch (TimeoutException e) {
        System.out.printf(
            Locale.ROOT, "  %s  %.0f s%n", progress.get(), (System.nanoTime() - started) / 1e9);
      }
    }
  }

  /** {@code query}: customer query trees next to hand-written queries. */
  static void query(String[] args) {
    BenchOptions options =
        BenchOptions.parse(args, BenchOptions.names(BenchContext.OPTIONS, "rounds", "warmup"));
    // "Now" pinned to the start: a rolling window ("the last 90 days") must mean the same
    // customers for the tree and for the hand-written query, however long the runs take.
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    try (ConfigurableApplicationContext context =
        BenchContext.start(options, false, List.of("oxidly.clock.fixed=" + now))) {
      requireIndex(context);
      System.out.println(Machine.stamp("query benchmark on " + customers(context) + " customers"));
      Duration cpu = Machine.processCpu();
      int mismatches =
          new QueryBenchmark(context)
              .run(options.getInt("warmup", 3), options.getInt("rounds", 30), System.out);
      System.out.println(Machine.stamp("done"));
      System.out.printf(
          Locale.ROOT, "Oxidly JVM CPU: %.1f s%n", Machine.processCpu().minus(cpu).toNanos() / 1e9);
      if (mismatches > 0) {
        System.exit(1);
      }
    }
  }

  /** {@code freshness}: committed change to searchable. */
  static void freshness(String[] args) throws InterruptedException {
    BenchOptions options =
        BenchOptions.parse(args, BenchOptions.names(BenchContext.OPTIONS, "samples", "max-pause"));
    try (ConfigurableApplicationContext context = BenchContext.start(options, true)) {
      requireIndex(context);
      System.out.println(Machine.stamp("freshness on " + customers(context) + " customers"));
      Latencies latencies =
          new FreshnessBenchmark(context)
              .run(options.getInt("samples", 300), options.getInt("max-pause", 500), System.out);
      System.out.println(Machine.stamp("done"));
      System.out.println();
      System.out.println("| changes | p50 ms | p90 ms | p99 ms | max ms |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: |");
      System.out.printf(
          Locale.ROOT,
          "| %,d | %.0f | %.0f | %.0f | %.0f |%n",
          latencies.count(),
          latencies.p50(),
          latencies.percentileMillis(90),
          latencies.p99(),
          latencies.maxMillis());
    }
  }

  /** {@code nl-search}: dev-set sentences end to end. */
  static void nlSearch(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(args, BenchOptions.names(BenchContext.OPTIONS, "rounds"));
    try (ConfigurableApplicationContext context = BenchContext.start(options, false)) {
      requireIndex(context);
      System.out.println(Machine.stamp("nl-search on " + customers(context) + " customers"));
      Duration cpu = Machine.processCpu();
      new SearchBenchmark(context).run(options.getInt("rounds", 5), System.out);
      System.out.println(Machine.stamp("done"));
      System.out.printf(
          Locale.ROOT, "Oxidly JVM CPU: %.1f s%n", Machine.processCpu().minus(cpu).toNanos() / 1e9);
    }
  }

  static long customers(ConfigurableApplicationContext context) {
    Long count =
        context
            .getBean(JdbcTemplate.class)
            .queryForObject("select count(*) from customers", Long.class);
    return count == null ? 0 : count;
  }

  /** Searches need a built index: the {@code index} benchmark leaves one. */
  static void requireIndex(ConfigurableApplicationContext context) {
    CustomerIndex index = context.getBean(CustomerIndex.class);
    try {
      if (index.currentIndices().isEmpty()) {
        throw new IllegalStateException(
            "No customer index for this store yet: run ./oxidly bench index with the same"
                + " --jdbc-url first");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long indexed = index.count();
    long customers = customers(context);
    if (indexed != customers) {
      throw new IllegalStateException(
          "The index holds "
              + indexed
              + " customers, the store "
              + customers
              + ": run ./oxidly bench index again");
    }
  }
}
