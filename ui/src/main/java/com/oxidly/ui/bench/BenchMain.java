package com.oxidly.ui.bench;

import com.oxidly.domain.demo.DemoStoreBenchmark;
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
        """);
  }
}
