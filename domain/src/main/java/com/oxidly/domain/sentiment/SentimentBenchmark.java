package com.oxidly.domain.sentiment;

import com.oxidly.domain.sentiment.LabelledSentences.Labelled;
import com.oxidly.domain.sentiment.LocalSentimentAnalyzer.Rules;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How fast and how accurate the local analyzer is: the labelled review sentences scored over and
 * over on one thread (wall and thread CPU time, which a busy machine's preemption does not inflate)
 * and on every core, with Oxidly's rules and with plain VADER rules.
 *
 * <pre>
 * ./oxidly bench sentiment --rounds=300
 * </pre>
 */
public final class SentimentBenchmark {

  private SentimentBenchmark() {}

  public static void main(String[] args) {
    int rounds = 300;
    for (String arg : args) {
      if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else {
        throw new IllegalArgumentException("unknown option " + arg + " (known: --rounds=N)");
      }
    }
    List<Labelled> development = LabelledSentences.load();
    List<Labelled> heldOut = LabelledSentences.load("held-out-reviews.tsv");
    List<String> texts = development.stream().map(Labelled::text).toList();
    System.out.printf(
        "%d + %d labelled sentences, %d rounds, %d cores%n%n",
        development.size(), heldOut.size(), rounds, Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| rules | accuracy (development) | accuracy (held out) | sentences/s, 1 thread (wall)"
            + " | sentences/s, 1 thread (CPU) | sentences/s, all cores |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (Rules rules : Rules.values()) {
      LocalSentimentAnalyzer analyzer = new LocalSentimentAnalyzer(rules);
      for (int i = 0; i < Math.max(20, rounds / 10); i++) {
        texts.forEach(analyzer::compound); // warm-up: let the JIT compile the hot paths
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      double sink = 0;
      for (int round = 0; round < rounds; round++) {
        for (String text : texts) {
          sink += analyzer.compound(text);
        }
      }
      long wall = System.nanoTime() - wallStart;
      long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      long parallelStart = System.nanoTime();
      sink +=
          IntStream.range(0, rounds)
              .parallel()
              .mapToDouble(round -> texts.stream().mapToDouble(analyzer::compound).sum())
              .sum();
      long parallel = System.nanoTime() - parallelStart;
      long sentences = (long) rounds * texts.size();
      System.out.printf(
          "| %s | %.1f %% | %.1f %% | %,.0f | %,.0f | %,.0f |%n",
          rules == Rules.OXIDLY ? "Oxidly (VADER + review rules)" : "plain VADER",
          100 * LabelledSentences.accuracy(analyzer, development),
          100 * LabelledSentences.accuracy(analyzer, heldOut),
          sentences / (wall / 1e9),
          sentences / (cpu / 1e9),
          sentences / (parallel / 1e9));
      if (Double.isNaN(sink)) {
        System.out.println("(impossible; keeps the JIT from dropping the work)");
      }
    }
  }
}
