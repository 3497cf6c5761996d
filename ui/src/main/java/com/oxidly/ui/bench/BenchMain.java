package com.oxidly.ui.bench;

import com.oxidly.domain.demo.DemoStoreBenchmark;
import com.oxidly.domain.importing.ImportBenchmark;
import com.oxidly.domain.nlsearch.ParseBenchmark;
import com.oxidly.domain.sentiment.SentimentBenchmark;
import java.util.Arrays;

/**
 * Entry point of {@code ./oxidly bench NAME [ARGS]}: each benchmark prints a markdown table to
 * paste into docs/benchmarks.md. Benchmarks run outside the test suite; tests never time things.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo-store" -> DemoStoreBenchmark.main(rest);
      case "sentiment" -> SentimentBenchmark.main(rest);
      case "import" -> ImportBenchmark.main(rest);
      case "index" -> ContextBenchmarks.index(rest);
      case "query" -> ContextBenchmarks.query(rest);
      case "freshness" -> ContextBenchmarks.freshness(rest);
      case "nl-parse" -> ParseBenchmark.main(rest);
      case "nl-search" -> ContextBenchmarks.nlSearch(rest);
      case "events" -> EventsBenchmark.run(rest);
      case "broadcast" -> DeliveryBenchmarks.broadcast(rest);
      case "smtp" -> DeliveryBenchmarks.smtp(rest);
      case "refresh" -> RefreshBenchmark.run(rest);
      default -> {
        System.err.println("Unknown benchmark '" + args[0] + "'.");
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.out.println(
        """
        usage: ./oxidly bench NAME [--option=value ...]
          demo-store   generate a demo store into a fresh database and compare with raw COPY
                       --customers=1000000 --seed=42
                       --jdbc-url=jdbc:postgresql://127.0.0.1:5432/oxidly_bench --user=postgres
          sentiment    local sentiment analyzer: accuracy and sentences/second --rounds=300
          import       import the store's customers and orders as CSV (ImportJobs) into a fresh
                       database, next to raw COPY and COPY into the real tables
                       --jdbc-url=... --target-db=oxidly_bench_import --customers=N --chunk-size=5000
          index        rebuild the customer index through its workflow, then a raw _bulk of the
                       same documents; leaves the index for the benchmarks below
                       --jdbc-url=... --page-size=2000
          query        p50/p99 of 36 customer query trees next to hand-written ES or SQL queries
                       --jdbc-url=... --rounds=30 --warmup=3
          freshness    committed change to searchable, through the change log and indexer
                       --jdbc-url=... --samples=300 --max-pause=500
          nl-parse     local natural-language parser over the dev set
                       --jdbc-url=... --rounds=50
          nl-search    natural-language search end to end over the dev set
                       --jdbc-url=... --rounds=5
          events       events at a target rate through the event service into a published
                       abandoned-cart journey: stored and relayed per second, commit to journey
                       step p50/p99; then heap with 10,000 journeys waiting
                       --jdbc-url=... --rate=2500 --seconds=60 --batch=50 --writers=4
                       --journey-share=100 --waiting=10000 --drain-seconds=600
          broadcast    a marketing email to every customer through the campaign workflow, next to
                       a raw JDBC batched insert of the same delivery rows; generates (or reuses)
                       the store in its own database
                       --customers=100000 --jdbc-url=.../oxidly_bench_delivery --batch=1000
          smtp         emails through the production SMTP transport into the local server
                       --messages=20000 --threads=(oxidly.delivery.sender-threads)
                       --jdbc-url=.../oxidly_bench_smtp (a migrated database, no store)
          refresh      the full analytics refresh (sentiment, CLV fit, scoring, personas,
                       segments) through its workflow, timed by phase; then a plain SQL scan of
                       the orders, reviews and interactions it reads; then the index outbox and
                       segment queue it filled, drained. Needs the index (run index first);
                       rewrites the store's scores, personas and segment memberships
                       --jdbc-url=... --poll-seconds=10 --drain-seconds=3600
        index, query, freshness, nl-search, events, broadcast, smtp and refresh start the
        application in worker mode with a local Elasticsearch on port 9250 (1 GB heap, data in
        .oxidly/bench-elasticsearch), Temporal on 7250 and SMTP on 2550; options --es-port,
        --es-heap, --es-data-dir, --temporal-port, --smtp-port, or --es-url for an existing
        cluster.
        """);
  }
}
