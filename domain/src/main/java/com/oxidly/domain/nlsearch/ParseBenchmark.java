package com.oxidly.domain.nlsearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the local parser takes per sentence: every sentence of the dev set, with the vocabulary
 * of a real store (cities, products, segments) loaded from PostgreSQL, after a warm-up.
 *
 * <pre>
 * ./oxidly bench nl-parse --jdbc-url=jdbc:postgresql://127.0.0.1:5432/oxidly_bench --rounds=50
 * </pre>
 *
 * Prints p50, p99 and max of wall time and of the parsing thread's CPU time (which a busy machine's
 * preemption does not inflate), and the vocabulary load time.
 */
public final class ParseBenchmark {

  private ParseBenchmark() {}

  public static void main(String[] args) throws IOException {
    String url = "jdbc:postgresql://127.0.0.1:5432/oxidly_bench";
    int rounds = 50;
    for (String arg : args) {
      if (arg.startsWith("--jdbc-url=")) {
        url = arg.substring("--jdbc-url=".length());
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else {
        throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser("postgres");
    long loadStart = System.nanoTime();
    StoreVocabulary vocabulary = StoreVocabulary.load(new JdbcTemplate(dataSource));
    double loadMillis = (System.nanoTime() - loadStart) / 1e6;
    List<String> sentences = devSet();
    CustomerSearchParser parser = new CustomerSearchParser();
    Clock clock = Clock.systemUTC();
    for (int i = 0; i < 20; i++) {
      sentences.forEach(s -> parser.parse(s, vocabulary, clock, ZoneOffset.UTC));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[sentences.size() * rounds];
    long[] wall = new long[cpu.length];
    int n = 0;
    for (int round = 0; round < rounds; round++) {
      for (String sentence : sentences) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        parser.parse(sentence, vocabulary, clock, ZoneOffset.UTC);
        wall[n] = System.nanoTime() - wallStart;
        cpu[n++] = threads.getCurrentThreadCpuTime() - cpuStart;
      }
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        "vocabulary: %d cities, %d products, loaded in %.0f ms%n",
        vocabulary.cities().size(), vocabulary.products().size(), loadMillis);
    System.out.println("| measure | parses | p50 ms | p99 ms | max ms |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    row("wall time", wall);
    row("thread CPU time", cpu);
  }

  private static void row(String name, long[] sorted) {
    System.out.printf(
        "| %s | %,d | %.3f | %.3f | %.3f |%n",
        name,
        sorted.length,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  /** The sentences of the dev set shipped in {@code nlsearch/dev-set.jsonl}. */
  static List<String> devSet() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<String> sentences = new ArrayList<>();
    try (InputStream in = ParseBenchmark.class.getResourceAsStream("/nlsearch/dev-set.jsonl");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          sentences.add(json.readTree(line).get("text").asString());
        }
      }
    }
    return sentences;
  }
}
