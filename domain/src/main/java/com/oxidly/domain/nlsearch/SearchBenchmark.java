package com.oxidly.domain.nlsearch;

import com.oxidly.domain.bench.Latencies;
import com.oxidly.domain.search.CustomerSearch;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * End-to-end natural-language search over the sentences of the dev set, as {@code GET
 * /api/customers/search} runs it without HTTP: {@link NaturalLanguageSearch#read}, then the first
 * page of 50 with the exact total from {@link CustomerSearch} (ranked by free text when the
 * sentence has some), then those customers from PostgreSQL.
 */
public final class SearchBenchmark {

  static final int PAGE = 50;

  private final NaturalLanguageSearch language;
  private final CustomerSearch search;

  /** Takes the beans of a running application context. */
  public SearchBenchmark(ListableBeanFactory beans) {
    this.language = beans.getBean(NaturalLanguageSearch.class);
    this.search = beans.getBean(CustomerSearch.class);
  }

  /** Runs every dev-set sentence {@code rounds} times after one untimed round; prints a table. */
  public Latencies run(int rounds, PrintStream out) throws IOException {
    List<String> sentences = ParseBenchmark.devSet();
    Latencies total = new Latencies();
    Latencies read = new Latencies();
    Latencies searched = new Latencies();
    Latencies loaded = new Latencies();
    Latencies ranked = new Latencies();
    Latencies filtered = new Latencies();
    for (int round = -1; round < rounds; round++) {
      for (String sentence : sentences) {
        long started = System.nanoTime();
        Interpretation interpretation = language.read(sentence).interpretation();
        long afterRead = System.nanoTime();
        CustomerSearch.SearchResult result =
            interpretation.freeText().isEmpty()
                ? search.search(interpretation.query(), 0, PAGE, List.of())
                : search.relevant(interpretation.query(), interpretation.freeText(), 0, PAGE);
        long afterSearch = System.nanoTime();
        search.customers(result.ids());
        long done = System.nanoTime();
        if (round >= 0) {
          total.add(done - started);
          read.add(afterRead - started);
          searched.add(afterSearch - afterRead);
          loaded.add(done - afterSearch);
          (interpretation.freeText().isEmpty() ? filtered : ranked).add(done - started);
        }
      }
    }
    out.println("| measure | searches | p50 ms | p90 ms | p99 ms | max ms |");
    out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    row(out, "**end to end (read + search + load page)**", total);
    row(out, "read the sentence (local parser)", read);
    row(out, "search: first page of " + PAGE + " and total", searched);
    row(out, "load the page's customers from PostgreSQL", loaded);
    row(out, "end to end, sentences with conditions only", filtered);
    row(out, "end to end, sentences with free text (BM25 ranking)", ranked);
    return total;
  }

  private static void row(PrintStream out, String name, Latencies latencies) {
    out.printf(
        Locale.ROOT,
        "| %s | %,d | %.1f | %.1f | %.1f | %.1f |%n",
        name,
        latencies.count(),
        latencies.p50(),
        latencies.percentileMillis(90),
        latencies.p99(),
        latencies.maxMillis());
  }
}
