package com.oxidly.domain.search;

import com.oxidly.domain.bench.Latencies;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Index freshness: the time from a committed change in PostgreSQL to the changed customer being
 * found by a search. Each sample changes one random customer (a custom attribute holding a unique
 * token), commits, then searches for the token every few milliseconds until the customer shows up.
 * The change travels the real way: trigger, change log, {@link CustomerIndexer} (which must be
 * running in the application context), bulk request, Elasticsearch refresh.
 *
 * <p>The benchmark's attribute is removed from every customer afterwards (a change that is indexed
 * like any other).
 */
public final class FreshnessBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ATTRIBUTE = "bench_freshness";

  private final JdbcTemplate jdbc;
  private final RestClient rest;
  private final CustomerIndexer indexer;
  private final String alias;

  /** Takes the beans of a running application context whose change-log indexer is enabled. */
  public FreshnessBenchmark(ListableBeanFactory beans) {
    this.jdbc = beans.getBean(JdbcTemplate.class);
    this.rest = beans.getBean(RestClient.class);
    this.indexer = beans.getBean(CustomerIndexer.class);
    this.alias = beans.getBean(CustomerIndex.class).alias();
  }

  /**
   * Takes {@code samples} measurements, each after a random pause of up to {@code maxPauseMillis}
   * so that changes land at every phase of the indexer's polling and the index's refresh.
   */
  public Latencies run(int samples, int maxPauseMillis, PrintStream out)
      throws InterruptedException {
    awaitEmptyLog();
    List<UUID> customers =
        jdbc.queryForList(
            "select customer_uuid from customers tablesample system (1) limit ?",
            UUID.class,
            samples);
    if (customers.size() < samples) {
      customers =
          jdbc.queryForList(
              "select customer_uuid from customers order by random() limit ?", UUID.class, samples);
    }
    String run = Long.toString(System.nanoTime(), 36);
    Latencies latencies = new Latencies();
    try {
      for (int i = 0; i < customers.size(); i++) {
        Thread.sleep(ThreadLocalRandom.current().nextInt(maxPauseMillis + 1));
        String token = run + "-" + i;
        // Autocommit: the update is committed when it returns.
        jdbc.update(
            "update customers set attributes = attributes || jsonb_build_object(?::text, ?::text)"
                + " where customer_uuid = ?",
            ATTRIBUTE,
            token,
            customers.get(i));
        long committed = System.nanoTime();
        while (count(token) == 0) {
          if (System.nanoTime() - committed > 60_000_000_000L) {
            throw new IllegalStateException("change " + token + " not searchable after 60 s");
          }
          Thread.sleep(2);
        }
        latencies.add(System.nanoTime() - committed);
        if ((i + 1) % 50 == 0) {
          out.printf(
              Locale.ROOT,
              "  %d samples, p50 %.0f ms, p99 %.0f ms%n",
              i + 1,
              latencies.p50(),
              latencies.p99());
        }
      }
    } finally {
      jdbc.update(
          "update customers set attributes = attributes - ?::text where jsonb_exists(attributes,"
              + " ?)",
          ATTRIBUTE,
          ATTRIBUTE);
      awaitEmptyLog();
    }
    return latencies;
  }

  private void awaitEmptyLog() throws InterruptedException {
    while (indexer.backlog() > 0) {
      Thread.sleep(100);
    }
  }

  private long count(String token) {
    Request request = new Request("POST", "/" + alias + "/_count");
    request.setEntity(
        new StringEntity(
            "{\"query\":{\"term\":{\"attributes." + ATTRIBUTE + "\":\"" + token + "\"}}}",
            ContentType.APPLICATION_JSON));
    try {
      return JSON.readTree(EntityUtils.toByteArray(rest.performRequest(request).getEntity()))
          .path("count")
          .asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("freshness probe failed", e);
    }
  }
}
