package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.time.StoreTimeZone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Runs customer queries against the customer index: the default path for lists and search. Results
 * equal the PostgreSQL reference for every query (a differential test holds it to that), given the
 * index has caught up with the database.
 */
@Service
public class ElasticsearchCustomerQueries {

  private static final int PAGE = 10_000;

  private final ElasticsearchClient client;
  private final CustomerIndex index;
  private final PostgresCustomerQueries postgres;
  private final Clock clock;
  private final StoreTimeZone storeZone;

  ElasticsearchCustomerQueries(
      ElasticsearchClient client,
      CustomerIndex index,
      PostgresCustomerQueries postgres,
      Clock clock,
      StoreTimeZone storeZone) {
    this.client = client;
    this.index = index;
    this.postgres = postgres;
    this.clock = clock;
    this.storeZone = storeZone;
  }

  /** The Elasticsearch query a customer query compiles to. */
  public Query compile(CustomerQuery query) {
    return new ElasticsearchQueryCompiler(
            clock,
            storeZone.zone(),
            postgres::matchingIds,
            postgres::withOrdersInWindow,
            postgres::topPercentCut)
        .compile(query);
  }

  /** Number of matching customers (exact: total hits are tracked). */
  public long count(CustomerQuery query) {
    try {
      return client.count(c -> c.index(index.alias()).query(compile(query))).count();
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch count failed", e);
    }
  }

  /** Uuids of every matching customer in uuid order, fetched page by page with search_after. */
  public List<UUID> matchingIds(CustomerQuery query) {
    Query compiled = compile(query);
    List<UUID> ids = new ArrayList<>();
    String after = null;
    try {
      while (true) {
        String searchAfter = after;
        SearchResponse<Map> response =
            client.search(
                s -> {
                  s.index(index.alias())
                      .query(compiled)
                      .size(PAGE)
                      .source(src -> src.fetch(false))
                      .sort(o -> o.field(f -> f.field("customer_uuid").order(SortOrder.Asc)));
                  if (searchAfter != null) {
                    s.searchAfter(FieldValue.of(searchAfter));
                  }
                  return s;
                },
                Map.class);
        List<Hit<Map>> hits = response.hits().hits();
        for (Hit<Map> hit : hits) {
          ids.add(UUID.fromString(hit.id()));
        }
        if (hits.size() < PAGE) {
          return ids;
        }
        after = hits.getLast().sort().getFirst().stringValue();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch search failed", e);
    }
  }
}
