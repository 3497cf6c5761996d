package com.oxidly.ui.bench;

import com.oxidly.domain.bench.BenchOptions;
import com.oxidly.ui.OxidlyApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as benchmarks run it: a worker node (no HTTP) on an existing store, with its own
 * local Elasticsearch node, Temporal test server and SMTP ports, so that it can run beside tests
 * and a developer's {@code ./oxidly run}. The store is never loaded or changed at start, and the
 * index is not built at start: a benchmark decides when.
 */
final class BenchContext {

  /** Options every benchmark with an application context takes. */
  static final List<String> OPTIONS =
      List.of(
          "jdbc-url",
          "user",
          "password",
          "es-url",
          "es-port",
          "es-heap",
          "es-data-dir",
          "temporal-port",
          "smtp-port");

  private BenchContext() {}

  /**
   * Starts the context; the caller closes it (which stops the local Elasticsearch node).
   *
   * @param indexer whether the change-log indexer drains {@code customer_index_outbox}; off for
   *     benchmarks that must not compete with a backlog it would work through
   */
  static ConfigurableApplicationContext start(BenchOptions options, boolean indexer) {
    return start(options, indexer, List.of());
  }

  /**
   * Starts the context with {@code properties} ({@code name=value}, without {@code --}) on top of
   * the bench defaults, for benchmarks that need a setting of their own.
   */
  static ConfigurableApplicationContext start(
      BenchOptions options, boolean indexer, List<String> properties) {
    String url = options.get("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/oxidly_bench");
    String database = url.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1").toLowerCase(Locale.ROOT);
    List<String> args = new ArrayList<>();
    args.add("--spring.datasource.url=" + url);
    args.add("--spring.datasource.username=" + options.get("user", "postgres"));
    args.add("--spring.datasource.password=" + options.get("password", ""));
    args.add("--oxidly.mode=worker");
    args.add("--oxidly.demo.customers=0");
    args.add("--oxidly.index.build-at-start=false");
    args.add("--oxidly.index.outbox.enabled=" + indexer);
    // One index family per bench database, so an index never mixes two stores.
    args.add("--oxidly.elasticsearch.index-prefix=oxidly-bench-" + database + "-");
    if (options.get("es-url") != null) {
      args.add("--oxidly.elasticsearch.url=" + options.get("es-url"));
    } else {
      args.add("--oxidly.elasticsearch.local.port=" + options.get("es-port", "9250"));
      args.add("--oxidly.elasticsearch.local.heap=" + options.get("es-heap", "1g"));
      args.add(
          "--oxidly.elasticsearch.local.data-dir="
              + options.get("es-data-dir", ".oxidly/bench-elasticsearch"));
      args.add("--oxidly.elasticsearch.local.start-timeout-seconds=300");
    }
    args.add("--oxidly.temporal.local.port=" + options.get("temporal-port", "7250"));
    args.add("--oxidly.mail.local.port=" + options.get("smtp-port", "2550"));
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=warn");
    args.add("--logging.level.com.oxidly=warn");
    properties.forEach(property -> args.add("--" + property));
    SpringApplication application = new SpringApplication(OxidlyApplication.class);
    return application.run(args.toArray(String[]::new));
  }
}
