package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpMapper;
import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerRepository;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Pages, sorts and counts customers matching a {@link CustomerQuery} in the customer index: the
 * fast path behind customer lists, the query API and its facets. Elasticsearch only supplies ids
 * and counts; the customers themselves are read from PostgreSQL ({@link #customers}), so what a
 * list shows is never older than the database, only possibly its membership while the index catches
 * up.
 *
 * <p>Two ways to page: {@link #search} by page number, cheap but limited to the first {@value
 * #MAX_RESULT_WINDOW} results, and cursors ({@link #page(CustomerQuery, List, String, int)}, {@link
 * #skip}) built on Elasticsearch's {@code search_after}, which reach any position of any result
 * set. Neither holds a snapshot: while the index changes between requests, a customer may move
 * between pages, but a cursor walk never repeats or skips a customer whose sort values stay the
 * same.
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

  /**
   * The fixed buckets of {@link #facets}, per facet: label to the customer query that decides who
   * is in the bucket, so a filter on a bucket selects exactly the customers it counted.
   */
  public static final Map<String, Map<String, CustomerQuery>> FACET_BUCKETS = facetBuckets();

  /** API property names (those of {@link Customer}) to the index fields they sort by. */
  private static final Map<String, String> SORT_FIELDS = sortFields();

  private final ElasticsearchClient client;
  private final CustomerIndex index;
  private final ElasticsearchCustomerQueries queries;
  private final CustomerRepository customers;

  private final TextEmbeddings embeddings;

  CustomerSearch(
      ElasticsearchClient client,
      CustomerIndex index,
      ElasticsearchCustomerQueries queries,
      CustomerRepository customers,
      TextEmbeddings embeddings) {
    this.client = client;
    this.index = index;
    this.queries = queries;
    this.customers = customers;
    this.embeddings = embeddings;
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
   * One page of a cursor walk.
   *
   * @param ids customer uuids of the page, in sort order
   * @param total exact number of matching customers across all pages
   * @param nextCursor where the following page starts, to pass to {@link #page(CustomerQuery, List,
   *     String, int)} or {@link #skip} with the same sort; null when this page ends the results
   */
  public record CursorPage(List<UUID> ids, long total, String nextCursor) {
    public CursorPage {
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
    checkSize(size);
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
    SearchResponse<Void> response =
        run(query, ResolvedSort.of(sort), page * size, null, size, true);
    List<UUID> ids = ids(response);
    return new SearchResult(ids, total(response, ids.size()));
  }

  /**
   * A page of the customers matching {@code query} by position, like {@link #search} but for any
   * offset within the first {@value #MAX_RESULT_WINDOW}, and with the cursor where the next page
   * starts, so that a walk can go on past the window with {@link #page(CustomerQuery, List, String,
   * int)}.
   *
   * @param offset zero-based position of the first customer of the page
   * @param size customers per page, 1 to {@value #MAX_PAGE_SIZE}; {@code offset + size} at most
   *     {@value #MAX_RESULT_WINDOW}
   * @param sort as for {@link #search}
   * @throws IllegalArgumentException for a bad offset, size or sort property
   */
  public CursorPage pageAt(CustomerQuery query, List<SortField> sort, int offset, int size) {
    checkSize(size);
    if (offset < 0 || (long) offset + size > MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException(
          "offset must be between 0 and "
              + (MAX_RESULT_WINDOW - size)
              + " for pages of "
              + size
              + ", was "
              + offset
              + "; continue with a cursor beyond the first "
              + MAX_RESULT_WINDOW);
    }
    ResolvedSort resolved = ResolvedSort.of(sort);
    SearchResponse<Void> response = run(query, resolved, offset, null, size, true);
    List<Hit<Void>> hits = response.hits().hits();
    long total = total(response, offset + hits.size());
    boolean more = hits.size() == size && offset + size < total;
    return new CursorPage(ids(response), total, more ? cursorAfter(hits, resolved) : null);
  }

  /**
   * One page of the customers matching {@code query} that follow {@code cursor} in the sort order:
   * any position of any result set can be reached page by page, however large it is. The sort is
   * that of {@link #search} (sort keys, then uuid), which Elasticsearch's {@code search_after}
   * needs to be a total order.
   *
   * @param sort as for {@link #search}; must be the sort the cursor was made with
   * @param cursor a {@link CursorPage#nextCursor()} from this method, {@link #pageAt} or {@link
   *     #skip}, exactly as returned; null for the first page
   * @param size customers per page, 1 to {@value #MAX_PAGE_SIZE}
   * @throws IllegalArgumentException for a bad size or sort property, or a cursor that is malformed
   *     or was made for another sort (the message says which)
   */
  public CursorPage page(CustomerQuery query, List<SortField> sort, String cursor, int size) {
    checkSize(size);
    ResolvedSort resolved = ResolvedSort.of(sort);
    // One hit more than asked tells whether this page is the last without a second request.
    SearchResponse<Void> response =
        run(query, resolved, null, resolved.after(cursor, mapper()), size + 1, true);
    List<Hit<Void>> hits = response.hits().hits();
    List<Hit<Void>> page = hits.subList(0, Math.min(size, hits.size()));
    return new CursorPage(
        page.stream().map(hit -> UUID.fromString(hit.id())).toList(),
        total(response, hits.size()),
        hits.size() > size ? cursorAfter(page, resolved) : null);
  }

  /**
   * Moves a cursor {@code count} customers forward without reading them: what a list needs to jump
   * to a far position. Asks only for sort values, in one request of up to {@value
   * #MAX_RESULT_WINDOW} hits, so a jump of n positions costs about n / {@value #MAX_RESULT_WINDOW}
   * requests.
   *
   * @param cursor as for {@link #page(CustomerQuery, List, String, int)}; null for the start
   * @param count how many customers to pass, 1 to {@value #MAX_RESULT_WINDOW}
   * @return the cursor after the {@code count}-th customer, or empty when fewer follow
   * @throws IllegalArgumentException as for {@link #page(CustomerQuery, List, String, int)}
   */
  public Optional<String> skip(
      CustomerQuery query, List<SortField> sort, String cursor, int count) {
    if (count < 1 || count > MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException(
          "count must be between 1 and " + MAX_RESULT_WINDOW + ", was " + count);
    }
    ResolvedSort resolved = ResolvedSort.of(sort);
    List<Hit<Void>> hits =
        run(query, resolved, null, resolved.after(cursor, mapper()), count, false).hits().hits();
    return hits.size() < count ? Optional.empty() : Optional.of(cursorAfter(hits, resolved));
  }

  /**
   * One page of the customers matching {@code query} who also wrote {@code words} in a review or an
   * interaction, most relevant first (BM25, see {@link TextRelevance}), then by uuid.
   *
   * @param words free-text words; empty gives {@link #search} in its default order
   * @throws IllegalArgumentException as for {@link #search}
   */
  public SearchResult relevant(CustomerQuery query, List<String> words, int page, int size) {
    if (words == null || words.isEmpty()) {
      return search(query, page, size, List.of());
    }
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    checkSize(size);
    if ((long) page * size + size > MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException(
          "only the " + MAX_RESULT_WINDOW + " most relevant customers can be paged through");
    }
    Query ranked =
        TextRelevance.rank(
            queries.compile(query == null ? new CustomerQuery.All() : query),
            words,
            embeddings.nearText(words));
    try {
      SearchResponse<Void> response =
          client.search(
              s ->
                  s.index(index.alias())
                      .query(ranked)
                      .from(page * size)
                      .size(size)
                      .trackTotalHits(t -> t.enabled(true))
                      .source(src -> src.fetch(false))
                      .sort(o -> o.score(score -> score.order(SortOrder.Desc)))
                      .sort(o -> o.field(f -> f.field("customer_uuid").order(SortOrder.Asc))),
              Void.class);
      List<UUID> ids = ids(response);
      return new SearchResult(ids, total(response, ids.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch search failed", e);
    }
  }

  /** How many customers match {@code query}, exactly. */
  public long count(CustomerQuery query) {
    return queries.count(query == null ? new CustomerQuery.All() : query);
  }

  private static void checkSize(int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
  }

  private SearchResponse<Void> run(
      CustomerQuery query,
      ResolvedSort sort,
      Integer from,
      List<FieldValue> after,
      int size,
      boolean countTotal) {
    Query compiled = queries.compile(query == null ? new CustomerQuery.All() : query);
    try {
      return client.search(
          s -> {
            s.index(index.alias())
                .query(compiled)
                .size(size)
                .trackTotalHits(t -> t.enabled(countTotal))
                .source(src -> src.fetch(false))
                .sort(sort.options());
            if (from != null) {
              s.from(from);
            }
            if (after != null) {
              s.searchAfter(after);
            }
            return s;
          },
          Void.class);
    } catch (ElasticsearchException e) {
      if (after != null && e.status() == 400) {
        // Only a cursor's values can make our own request a bad one (e.g. a hand-edited cursor).
        throw new IllegalArgumentException(
            "cursor does not fit this search: " + e.error().reason(), e);
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch search failed", e);
    }
  }

  private static List<UUID> ids(SearchResponse<Void> response) {
    return response.hits().hits().stream().map(hit -> UUID.fromString(hit.id())).toList();
  }

  private static long total(SearchResponse<Void> response, long fallback) {
    return response.hits().total() == null ? fallback : response.hits().total().value();
  }

  private String cursorAfter(List<Hit<Void>> hits, ResolvedSort sort) {
    return SearchCursor.encode(sort.signature(), hits.getLast().sort(), mapper());
  }

  private JsonpMapper mapper() {
    return client._jsonpMapper();
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
   * {@code city}, {@code persona}, {@code acquisition_channel}, {@code segment} (the {@code limit}
   * most common values each, most common first), then the buckets of {@link #FACET_BUCKETS}: {@code
   * total_spent} (0, 0-100, 100-500, 500-1000, 1000+), {@code order_count} (0, 1, 2-4, 5-9, 10+),
   * {@code last_order_at} (last 30, 90 and 365 days, never) and {@code consent} (email, sms, push
   * subscribers), in that order, empty buckets included. Customers without a value are not counted
   * in a value facet.
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
    for (BucketFacet facet : BucketFacet.BUCKETS) {
      aggregations.put(facet.name(), facet.aggregation(queries));
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
      for (BucketFacet facet : BucketFacet.BUCKETS) {
        facets.put(facet.name(), facet.counts(response.aggregations().get(facet.name())));
      }
      return facets;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch facet search failed", e);
    }
  }

  /**
   * A sort as Elasticsearch runs it: the keys asked for (or the default, by name), then the uuid.
   *
   * @param signature the keys in {@code property,asc|desc} form, joined by {@code ;}: what a cursor
   *     records so it is never used with another sort
   */
  private record ResolvedSort(List<SortOptions> options, String signature) {

    static ResolvedSort of(List<SortField> sort) {
      List<SortField> keys =
          sort == null || sort.isEmpty()
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
        options.add(
            SortOptions.of(o -> o.field(f -> f.field(field).order(order).missing("_last"))));
      }
      // Equal sort values would otherwise come back in an arbitrary order that can differ between
      // pages, duplicating or skipping customers; search_after needs a total order too.
      options.add(SortOptions.of(o -> o.field(f -> f.field("customer_uuid").order(SortOrder.Asc))));
      String signature =
          Stream.concat(
                  keys.stream().map(key -> key.property() + (key.descending() ? ",desc" : ",asc")),
                  Stream.of("customerUuid,asc"))
              .collect(Collectors.joining(";"));
      return new ResolvedSort(List.copyOf(options), signature);
    }

    /** The sort values to search after; null (from the start) for a null cursor. */
    List<FieldValue> after(String cursor, JsonpMapper mapper) {
      return cursor == null ? null : SearchCursor.decode(cursor, signature, options.size(), mapper);
    }
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
    fields.put("engagementScore", "engagement_score");
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
            new Facet("acquisition_channel", "acquisition_channel", null),
            // Segment keys are lower-case already; names come from the segments themselves.
            new Facet("segment", "segments", null));

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

  /**
   * Counts in fixed buckets, each a customer query compiled like any other: a list can filter by a
   * bucket with exactly the condition it was counted by. Returned in the order they are defined.
   */
  private record BucketFacet(String name, Map<String, CustomerQuery> buckets) {

    static final List<BucketFacet> BUCKETS =
        FACET_BUCKETS.entrySet().stream()
            .map(entry -> new BucketFacet(entry.getKey(), entry.getValue()))
            .toList();

    Aggregation aggregation(ElasticsearchCustomerQueries queries) {
      // Anonymous filters come back in request order; named ones would be sorted by name.
      List<Query> filters = buckets.values().stream().map(queries::compile).toList();
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

  /*
   * Spend and order buckets do not overlap, so every customer falls in exactly one: amounts are in
   * cents, so "100-500" is 100 <= spent <= 499.99, and "2-4" is 2, 3 or 4 orders. Each bucket is a
   * single condition (a between, not an and of two), so it stays one chip when a list filters by
   * it. Last-order buckets nest (the last 30 days are within the last 90); consent buckets count
   * each channel's subscribers.
   */
  private static Map<String, Map<String, CustomerQuery>> facetBuckets() {
    Map<String, Map<String, CustomerQuery>> facets = new LinkedHashMap<>();
    facets.put(
        "total_spent",
        buckets(
            "0", spent(Comparison.of(Op.EQ, 0)),
            "0-100", spent(Comparison.of(Op.BETWEEN, "0.01", "99.99")),
            "100-500", spent(Comparison.of(Op.BETWEEN, "100", "499.99")),
            "500-1000", spent(Comparison.of(Op.BETWEEN, "500", "999.99")),
            "1000+", spent(Comparison.of(Op.GTE, 1000))));
    facets.put(
        "order_count",
        buckets(
            "0", orders(Comparison.of(Op.EQ, 0)),
            "1", orders(Comparison.of(Op.EQ, 1)),
            "2-4", orders(Comparison.of(Op.BETWEEN, 2, 4)),
            "5-9", orders(Comparison.of(Op.BETWEEN, 5, 9)),
            "10+", orders(Comparison.of(Op.GTE, 10))));
    facets.put(
        "last_order_at",
        buckets(
            "last 30 days", lastOrder(new TimeWindow.Rolling(30, TimeWindow.Unit.DAY)),
            "last 90 days", lastOrder(new TimeWindow.Rolling(90, TimeWindow.Unit.DAY)),
            "last 365 days", lastOrder(new TimeWindow.Rolling(365, TimeWindow.Unit.DAY)),
            "never",
                new CustomerQuery.Field(
                    CustomerField.LAST_ORDER_AT, Comparison.of(Op.IS_NOT_SET))));
    facets.put(
        "consent",
        buckets(
            "email", optedIn(CustomerField.EMAIL_OPT_IN),
            "sms", optedIn(CustomerField.SMS_OPT_IN),
            "push", optedIn(CustomerField.PUSH_OPT_IN)));
    return Collections.unmodifiableMap(facets);
  }

  private static Map<String, CustomerQuery> buckets(Object... labelsAndQueries) {
    Map<String, CustomerQuery> buckets = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndQueries.length; i += 2) {
      buckets.put((String) labelsAndQueries[i], (CustomerQuery) labelsAndQueries[i + 1]);
    }
    return Collections.unmodifiableMap(buckets);
  }

  private static CustomerQuery spent(Comparison comparison) {
    return new CustomerQuery.Spent(comparison, null);
  }

  private static CustomerQuery orders(Comparison comparison) {
    return new CustomerQuery.OrderCount(comparison, null);
  }

  private static CustomerQuery lastOrder(TimeWindow window) {
    return new CustomerQuery.During(CustomerField.LAST_ORDER_AT, window);
  }

  private static CustomerQuery optedIn(CustomerField channel) {
    return new CustomerQuery.Field(channel, Comparison.of(Op.EQ, true));
  }
}
