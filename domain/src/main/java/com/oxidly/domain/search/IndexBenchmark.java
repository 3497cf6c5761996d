package com.oxidly.domain.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline of the index benchmark ({@code ./oxidly bench index}): the very documents a rebuild
 * writes, built by the same code from the same store, sent as raw {@code _bulk} requests into a
 * scratch index with the same mapping. Only the bulk requests are timed, so the figure is what
 * Elasticsearch itself can take on this machine; the rebuild's gap to it is reading PostgreSQL,
 * building documents, Temporal and the Java client.
 *
 * <p>Lives in this package to reach the document builder; the benchmark entry point in the ui
 * module hands it the beans of a running application context.
 */
public final class IndexBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CustomerDocuments documents;
  private final CustomerIndex index;
  private final RestClient rest;

  /** Takes the search beans from a running application context. */
  public IndexBenchmark(ListableBeanFactory beans) {
    this.documents = beans.getBean(CustomerDocuments.class);
    this.index = beans.getBean(CustomerIndex.class);
    this.rest = beans.getBean(RestClient.class);
  }

  /**
   * What the raw bulk took.
   *
   * @param documents documents written (and counted back from the scratch index)
   * @param bytes size of the bulk bodies
   * @param bulk time spent in {@code _bulk} requests: the measured figure
   * @param build time spent reading PostgreSQL and building documents (not part of the figure)
   * @param serialize time spent writing bulk bodies (not part of the figure)
   */
  public record RawBulk(
      long documents, long bytes, Duration bulk, Duration build, Duration serialize) {

    public double documentsPerSecond() {
      return documents / (bulk.toNanos() / 1e9);
    }
  }

  /**
   * Builds every customer document page by page, as a rebuild does, and writes each page with one
   * {@code _bulk} request of {@code create} operations into a fresh scratch index, which is deleted
   * afterwards.
   *
   * @param limit stop after the page that reaches this many documents
   * @param progress called with the number of documents written after each page
   */
  public RawBulk rawBulk(int pageSize, long limit, LongConsumer progress) {
    String scratch = index.alias() + "_rawbulk";
    try {
      perform("DELETE", "/" + scratch + "?ignore_unavailable=true", null);
      try (InputStream mapping =
          new ClassPathResource("search/customer-index.json").getInputStream()) {
        perform("PUT", "/" + scratch, mapping.readAllBytes());
      }
      long written = 0;
      long bytes = 0;
      long bulkNanos = 0;
      long buildNanos = 0;
      long serializeNanos = 0;
      UUID after = null;
      ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
      while (true) {
        long started = System.nanoTime();
        List<Map<String, Object>> page = documents.page(after, pageSize);
        long built = System.nanoTime();
        buildNanos += built - started;
        if (page.isEmpty()) {
          break;
        }
        body.reset();
        for (Map<String, Object> document : page) {
          String id = (String) document.get("customer_uuid");
          body.write(("{\"create\":{\"_id\":\"" + id + "\"}}\n").getBytes(StandardCharsets.UTF_8));
          JSON.writeValue(body, document);
          body.write('\n');
        }
        byte[] request = body.toByteArray();
        long serialized = System.nanoTime();
        serializeNanos += serialized - built;
        JsonNode response = perform("POST", "/" + scratch + "/_bulk", request);
        bulkNanos += System.nanoTime() - serialized;
        if (response.path("errors").asBoolean()) {
          throw new IllegalStateException(
              "raw bulk rejected documents: " + response.path("items").get(0));
        }
        written += page.size();
        bytes += request.length;
        after = UUID.fromString((String) page.getLast().get("customer_uuid"));
        progress.accept(written);
        if (page.size() < pageSize || written >= limit) {
          break;
        }
      }
      perform("POST", "/" + scratch + "/_refresh", null);
      long counted = perform("GET", "/" + scratch + "/_count", null).path("count").asLong();
      if (counted != written) {
        throw new IllegalStateException(
            "raw bulk wrote " + written + " documents but the index counts " + counted);
      }
      return new RawBulk(
          written,
          bytes,
          Duration.ofNanos(bulkNanos),
          Duration.ofNanos(buildNanos),
          Duration.ofNanos(serializeNanos));
    } catch (IOException e) {
      throw new UncheckedIOException("raw bulk into " + scratch + " failed", e);
    } finally {
      try {
        perform("DELETE", "/" + scratch + "?ignore_unavailable=true", null);
      } catch (IOException e) {
        // The scratch index is left over; the next run deletes it first.
      }
    }
  }

  private JsonNode perform(String method, String path, byte[] body) throws IOException {
    Request request = new Request(method, path);
    if (body != null) {
      request.setEntity(
          new ByteArrayEntity(
              body,
              path.endsWith("_bulk")
                  ? ContentType.create("application/x-ndjson")
                  : ContentType.APPLICATION_JSON));
    }
    Response response = rest.performRequest(request);
    return JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
  }
}
