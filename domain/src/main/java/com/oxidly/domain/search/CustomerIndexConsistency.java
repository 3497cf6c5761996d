package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Compares the customer index with PostgreSQL and repairs drift by queuing the customers that
 * differ in the change log, so the ordinary indexer fixes them. Counts are compared first; when
 * they differ, both sides are walked in uuid order to find exactly which customers are missing or
 * superfluous. A random sample of documents is compared field by field as well.
 */
@Service
public class CustomerIndexConsistency {

  private static final int PAGE = 10_000;
  private static final List<String> SAMPLED_FIELDS =
      List.of("email", "city", "status", "total_spent", "order_count", "updated_at");

  private final ElasticsearchClient client;
  private final CustomerIndex index;
  private final CustomerDocuments documents;
  private final JdbcTemplate jdbc;

  CustomerIndexConsistency(
      ElasticsearchClient client,
      CustomerIndex index,
      CustomerDocuments documents,
      JdbcTemplate jdbc) {
    this.client = client;
    this.index = index;
    this.documents = documents;
    this.jdbc = jdbc;
  }

  /**
   * What a check found and queued for repair.
   *
   * @param missing customers in PostgreSQL without a document
   * @param superfluous documents of customers that no longer exist
   * @param stale sampled documents that differ from PostgreSQL
   */
  public record Report(
      long databaseCount,
      long indexCount,
      int missing,
      int superfluous,
      int sampled,
      int stale,
      boolean consistent) {
    Report(
        long databaseCount, long indexCount, int missing, int superfluous, int sampled, int stale) {
      this(
          databaseCount,
          indexCount,
          missing,
          superfluous,
          sampled,
          stale,
          missing == 0 && superfluous == 0 && stale == 0);
    }
  }

  /** Checks and queues every difference for the indexer; safe to run at any time. */
  public Report checkAndRepair(int sampleSize) {
    long databaseCount = jdbc.queryForObject("select count(*) from customers", Long.class);
    long indexCount = index.count();
    List<UUID> missing = new ArrayList<>();
    List<UUID> superfluous = new ArrayList<>();
    // Always diff: equal counts can hide a missing document next to a superfluous one.
    diffIds(missing, superfluous);
    List<UUID> stale = staleSample(sampleSize);
    List<UUID> repair = new ArrayList<>(missing);
    repair.addAll(superfluous);
    repair.addAll(stale);
    if (!repair.isEmpty()) {
      jdbc.update(
          "insert into customer_index_outbox (customer_uuid) select unnest(?::uuid[])",
          (Object) repair.toArray(UUID[]::new));
    }
    return new Report(
        databaseCount,
        indexCount,
        missing.size(),
        superfluous.size(),
        Math.min(sampleSize, (int) databaseCount),
        stale.size());
  }

  /** Merges both uuid-ordered streams page by page; memory holds two pages at most. */
  private void diffIds(List<UUID> missing, List<UUID> superfluous) {
    IdPages database = new IdPages(this::databasePage);
    IdPages search = new IdPages(this::indexPage);
    UUID inDatabase = database.next();
    UUID inIndex = search.next();
    while (inDatabase != null || inIndex != null) {
      int order =
          inDatabase == null ? 1 : inIndex == null ? -1 : compareAsText(inDatabase, inIndex);
      if (order == 0) {
        inDatabase = database.next();
        inIndex = search.next();
      } else if (order < 0) {
        missing.add(inDatabase);
        inDatabase = database.next();
      } else {
        superfluous.add(inIndex);
        inIndex = search.next();
      }
    }
  }

  // Elasticsearch sorts keyword uuids as text; PostgreSQL's uuid order is the same byte order.
  private static int compareAsText(UUID a, UUID b) {
    return a.toString().compareTo(b.toString());
  }

  private List<UUID> databasePage(UUID after) {
    return after == null
        ? jdbc.queryForList(
            "select customer_uuid from customers order by customer_uuid limit ?", UUID.class, PAGE)
        : jdbc.queryForList(
            "select customer_uuid from customers where customer_uuid > ? order by customer_uuid"
                + " limit ?",
            UUID.class,
            after,
            PAGE);
  }

  @SuppressWarnings("rawtypes")
  private List<UUID> indexPage(UUID after) {
    try {
      SearchResponse<Map> response =
          client.search(
              s -> {
                s.index(index.alias())
                    .size(PAGE)
                    .source(src -> src.fetch(false))
                    .sort(o -> o.field(f -> f.field("customer_uuid").order(SortOrder.Asc)));
                if (after != null) {
                  s.searchAfter(FieldValue.of(after.toString()));
                }
                return s;
              },
              Map.class);
      return response.hits().hits().stream().map(Hit::id).map(UUID::fromString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch search failed", e);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private List<UUID> staleSample(int sampleSize) {
    if (sampleSize <= 0) {
      return List.of();
    }
    List<UUID> sample =
        jdbc.queryForList(
            "select customer_uuid from customers order by random() limit ?",
            UUID.class,
            sampleSize);
    List<UUID> stale = new ArrayList<>();
    for (Map<String, Object> expected : documents.of(sample)) {
      String id = (String) expected.get("customer_uuid");
      try {
        var actual = client.get(g -> g.index(index.alias()).id(id), Map.class);
        Map<String, Object> source = actual.found() ? actual.source() : null;
        boolean same =
            source != null
                && SAMPLED_FIELDS.stream()
                    .allMatch(field -> sameValue(expected.get(field), source.get(field)));
        if (!same) {
          stale.add(UUID.fromString(id));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Elasticsearch get failed", e);
      }
    }
    return stale;
  }

  private static boolean sameValue(Object expected, Object actual) {
    if (expected instanceof Number a && actual instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    return Objects.equals(expected, actual);
  }

  /** A stream of uuids fetched a page at a time. */
  private static final class IdPages {
    private final java.util.function.Function<UUID, List<UUID>> fetch;
    private List<UUID> page = List.of();
    private int position;
    private boolean exhausted;

    IdPages(java.util.function.Function<UUID, List<UUID>> fetch) {
      this.fetch = fetch;
    }

    UUID next() {
      if (position == page.size()) {
        if (exhausted) {
          return null;
        }
        UUID after = page.isEmpty() ? null : page.getLast();
        page = fetch.apply(after);
        position = 0;
        exhausted = page.size() < PAGE;
        if (page.isEmpty()) {
          return null;
        }
      }
      return page.get(position++);
    }
  }
}
