package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.NumberRangeQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerRepository;
import com.oxidly.domain.query.CustomerQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Pages, sorts and counts customers matching a {@link CustomerQuery} in the customer index: the
 * fast path behind customer lists, the query API and its facets. Elasticsearch only supplies ids
 * and counts; the customers themselves are read from PostgreSQL ({@link #customers}), so what a
 * list shows is never older than the database, only possibly its membership while the index catches
 * up.
 */
@Service
public class CustomerSearch {

  /** Largest page a caller may ask for. */
  public static final int MAX_PAGE_SIZE = 1_000;

  /**
   * Elasticsearch's default {@code index.max_result_window}: from + size beyond it is refused, and
   * deep from/size paging is expensive anyway.
   */
  public static final int MAX_RESULT_WINDOW = 10_000;

  /** API property names (those of {@link Customer}) to the index fields they sort by. */
  private static final Map<String, String> SORT_FIELDS = sortFields();

  private final ElasticsearchClient client;
  private final CustomerIndex index;
  private final ElasticsearchCustomerQueries queries;
  private final CustomerRepository customers;

  CustomerSearch(
      ElasticsearchClient client,
      CustomerIndex index,
      ElasticsearchCustomerQueries queries,
      CustomerRepository customers) {
    this.client = client;
    this.index = index;
    this.queries = queries;
    this.customers = customers;
  }

  /**
   * One sort key.
   *
   * @param property a {@link Customer} property, e.g. {@code totalSpent}; see {@link #sortable()}
   */
  public record SortField(String property, boolean descending) {

    public SortField {
      Objects.requireNonNull(property, "property");
    }

    /**
     * Parses {@code property[,asc|desc]}, e.g. {@code totalSpent,desc}; ascending by default.
     *
     * @throws IllegalArgumentException when the direction is neither asc nor desc
     */
    public static SortField parse(String text) {
      String[] parts = (text == null ? "" : text).split(",", -1);
      String property = parts[0].trim();
      if (property.isEmpty()) {
        throw new IllegalArgumentException("a sort needs a property, e.g. totalSpent,desc");
      }
      if (parts.length == 1) {
        return new SortField(property, false);
      }
      return switch (parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "") {
        case "asc" -> new SortField(property, false);
        case "desc" -> new SortField(property, true);
        default ->
            throw new IllegalArgumentException(
                "sort '" + text + "' must read property or property,asc or property,desc");
      };
    }
  }

  /**
   * One page of matching customers.
   *
   * @param ids customer uuids of the page, in sort order
   * @param total exact number of matching customers across all pages
   */
  public record SearchResult(List<UUID> ids, long total) {
    public SearchResult {
      ids = List.copyOf(ids);
    }
  }

  /**
   * A facet value and how many matching customers have it.
   *
   * @param value the value as customers read it (original spelling for cities and countries), or
   *     the bucket name for ranges such as {@code 100-500}
   */
  public record FacetCount(String value, long count) {}

  /** Properties {@link SortField} accepts, in alphabetical order. */
  public static List<String> sortable() {
    return SORT_FIELDS.keySet().stream().sorted().toList();
  }

  /**
   * One page of the customers matching {@code query}, sorted by {@code sort} and then by uuid, so
   * pages never overlap or skip customers while the index is unchanged.
   *
   * @param page zero-based page number
   * @param size customers per page, 1 to {@value #MAX_PAGE_SIZE}
   * @param sort sort keys in priority order; empty sorts by last name, then first name
   * @throws IllegalArgumentException for a bad page, size or sort property, or a page beyond the
   *     first {@value #MAX_RESULT_WINDOW} results
   */
  public SearchResult search(CustomerQuery query, int page, int size, List<SortField> sort) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
    if ((long) page * size + size > MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException(
          "only the first "
              + MAX_RESULT_WINDOW
              + " matching customers can be paged through (page "
              + page
              + " of size "
              + size
              + " ends at "
              + ((long) page * size + size)
              + "); narrow the query or use export to get all of them");
    }
    List<SortOptions> sortOptions = sortOptions(sort == null ? List.of() : sort);
    Query compiled = queries.compile(query == null ? new CustomerQuery.All() : query);
    try {
      SearchResponse<Void> response =
          client.search(
              s ->
                  s.index(index.alias())
                      .query(compiled)
                      .from(page * size)
                      .size(size)
                      .trackTotalHits(t -> t.enabled(true))
                      .source(src -> src.fetch(false))
                      .sort(sortOptions),
              Void.class);
      List<UUID> ids =
          response.hits().hits().stream().map(hit -> UUID.fromString(hit.id())).toList();
      long total = response.hits().total() == null ? ids.size() : response.hits().total().value();
      return new SearchResult(ids, total);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch search failed", e);
    }
  }

  /**
   * The customers with these ids from PostgreSQL, in the order given. Customers deleted since the
   * index saw them are left out rather than failing the page.
   */
  public List<Customer> customers(List<UUID> ids) {
    Map<UUID, Customer> byId =
        customers.findAllById(ids).stream()
            .collect(Collectors.toMap(Customer::customerUuid, Function.identity()));
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  /**
   * How the customers matching {@code query} divide up, per facet: {@code status}, {@code country},
   * {@code city}, {@code persona}, {@code acquisition_channel} (the {@code limit} most common
   * values each, most common first) and the fixed ranges of {@code total_spent} (0, 0-100, 100-500,
   * 500-1000, 1000+) and {@code order_count} (0, 1, 2-4, 5-9, 10+), in that order, empty buckets
   * included. Customers without a value are not counted in a value facet.
   *
   * @param limit values per value facet, 1 to {@value #MAX_PAGE_SIZE}
   */
  public Map<String, List<FacetCount>> facets(CustomerQuery query, int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
    }
    Query compiled = queries.compile(query == null ? new CustomerQuery.All() : query);
    Map<String, Aggregation> aggregations = new LinkedHashMap<>();
    for (Facet facet : Facet.VALUES) {
      aggregations.put(facet.name(), facet.aggregation(limit));
    }
    for (RangeFacet facet : RangeFacet.RANGES) {
      aggregations.put(facet.name(), facet.aggregation());
    }
    try {
      SearchResponse<Void> response =
          client.search(
              s ->
                  s.index(index.alias())
                      .query(compiled)
                      .size(0)
                      .trackTotalHits(t -> t.enabled(true))
                      .aggregations(aggregations),
              Void.class);
      Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
      for (Facet facet : Facet.VALUES) {
        facets.put(facet.name(), facet.counts(response.aggregations().get(facet.name())));
      }
      for (RangeFacet facet : RangeFacet.RANGES) {
        facets.put(facet.name(), facet.counts(response.aggregations().get(facet.name())));
      }
      return facets;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch facet search failed", e);
    }
  }

  private static List<SortOptions> sortOptions(List<SortField> sort) {
    List<SortField> keys =
        sort.isEmpty()
            ? List.of(new SortField("lastName", false), new SortField("firstName", false))
            : sort;
    List<SortOptions> options = new ArrayList<>();
    for (SortField key : keys) {
      String field = SORT_FIELDS.get(key.property());
      if (field == null) {
        throw new IllegalArgumentException(
            "cannot sort by '" + key.property() + "'; sortable properties are " + sortable());
      }
      SortOrder order = key.descending() ? SortOrder.Desc : SortOrder.Asc;
      // Customers without a value (no orders yet, no city) come last either way.
      options.add(SortOptions.of(o -> o.field(f -> f.field(field).order(order).missing("_last"))));
    }
    // Equal sort values would otherwise come back in an arbitrary order that can differ between
    // pages, duplicating or skipping customers.
    options.add(SortOptions.of(o -> o.field(f -> f.field("customer_uuid").order(SortOrder.Asc))));
    return options;
  }

  private static Map<String, String> sortFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("customerUuid", "customer_uuid");
    fields.put("email", "email");
    // The folded copies sort "Élodie" with "Elodie" rather than after "Zoe".
    fields.put("firstName", "first_name_folded");
    fields.put("lastName", "last_name_folded");
    fields.put("city", "city_folded");
    fields.put("country", "country");
    fields.put("status", "status");
    fields.put("signupDate", "signup_date");
    fields.put("orderCount", "order_count");
    fields.put("totalSpent", "total_spent");
    fields.put("lastOrderAt", "last_order_at");
    fields.put("averageOrderValue", "average_order_value");
    fields.put("yearOfBirth", "year_of_birth");
    return Map.copyOf(fields);
  }

  /**
   * Counts by value of a keyword field.
   *
   * @param displayField the document field holding the original spelling, when {@code field} folds
   *     it (terms on a normalised keyword return lower case: "new york", "us"); null when the
   *     indexed value is already what customers read
   */
  private record Facet(String name, String field, String displayField) {

    static final List<Facet> VALUES =
        List.of(
            new Facet("status", "status", null),
            new Facet("country", "country", "country"),
            new Facet("city", "city_folded", "city"),
            new Facet("persona", "persona", "persona"),
            new Facet("acquisition_channel", "acquisition_channel", null));

    Aggregation aggregation(int limit) {
      return Aggregation.of(
          a -> {
            a.terms(t -> t.field(field).size(limit));
            if (displayField != null) {
              // One sample document per bucket shows a real spelling of the folded value; the
              // uuid sort makes the sample, and so the label, stable between requests.
              a.aggregations(
                  "sample",
                  sample ->
                      sample.topHits(
                          top ->
                              top.size(1)
                                  .source(src -> src.filter(f -> f.includes(displayField)))
                                  .sort(
                                      o ->
                                          o.field(
                                              f ->
                                                  f.field("customer_uuid").order(SortOrder.Asc)))));
            }
            return a;
          });
    }

    List<FacetCount> counts(Aggregate aggregate) {
      if (aggregate == null || !aggregate.isSterms()) {
        return List.of(); // e.g. a field no document has a value for yet
      }
      List<FacetCount> counts = new ArrayList<>();
      for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
        counts.add(new FacetCount(label(bucket), bucket.docCount()));
      }
      return counts;
    }

    private String label(StringTermsBucket bucket) {
      String key = bucket.key().stringValue();
      if (displayField == null) {
        return key;
      }
      Aggregate sample = bucket.aggregations().get("sample");
      if (sample == null || !sample.isTopHits() || sample.topHits().hits().hits().isEmpty()) {
        return key;
      }
      Hit<JsonData> hit = sample.topHits().hits().hits().getFirst();
      if (hit.source() == null) {
        return key;
      }
      Object original = hit.source().to(Map.class).get(displayField);
      return original instanceof String text && !text.isBlank() ? text.trim() : key;
    }
  }

  /** Counts in fixed numeric ranges, labelled and returned in the order they are defined. */
  private record RangeFacet(String name, Map<String, Query> buckets) {

    /*
     * Lower bounds are inclusive and upper bounds exclusive, so every customer falls in exactly
     * one bucket: "100-500" is 100 <= spent < 500 and "2-4" is 2, 3 or 4 orders. Only "0" spent
     * is exactly nothing, so "0-100" starts above 0.
     */
    static final List<RangeFacet> RANGES =
        List.of(
            new RangeFacet(
                "total_spent",
                buckets(
                    "0", range("total_spent", r -> r.lte(0.0)),
                    "0-100", range("total_spent", r -> r.gt(0.0).lt(100.0)),
                    "100-500", range("total_spent", r -> r.gte(100.0).lt(500.0)),
                    "500-1000", range("total_spent", r -> r.gte(500.0).lt(1000.0)),
                    "1000+", range("total_spent", r -> r.gte(1000.0)))),
            new RangeFacet(
                "order_count",
                buckets(
                    "0", range("order_count", r -> r.lte(0.0)),
                    "1", range("order_count", r -> r.gte(1.0).lt(2.0)),
                    "2-4", range("order_count", r -> r.gte(2.0).lt(5.0)),
                    "5-9", range("order_count", r -> r.gte(5.0).lt(10.0)),
                    "10+", range("order_count", r -> r.gte(10.0)))));

    private static Map<String, Query> buckets(Object... labelsAndQueries) {
      Map<String, Query> buckets = new LinkedHashMap<>();
      for (int i = 0; i < labelsAndQueries.length; i += 2) {
        buckets.put((String) labelsAndQueries[i], (Query) labelsAndQueries[i + 1]);
      }
      return buckets;
    }

    private static Query range(
        String field, Function<NumberRangeQuery.Builder, NumberRangeQuery.Builder> bounds) {
      return Query.of(q -> q.range(r -> r.number(n -> bounds.apply(n.field(field)))));
    }

    Aggregation aggregation() {
      // Anonymous filters come back in request order; named ones would be sorted by name.
      List<Query> filters = List.copyOf(buckets.values());
      return Aggregation.of(a -> a.filters(f -> f.filters(b -> b.array(filters))));
    }

    List<FacetCount> counts(Aggregate aggregate) {
      List<String> labels = List.copyOf(buckets.keySet());
      var returned = aggregate.filters().buckets().array();
      List<FacetCount> counts = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        counts.add(new FacetCount(labels.get(i), returned.get(i).docCount()));
      }
      return counts;
    }
  }
}
