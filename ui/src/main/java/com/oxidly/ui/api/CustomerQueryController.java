package com.oxidly.ui.api;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.search.CustomerSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs structured customer queries (the JSON form of {@link CustomerQuery}) against the customer
 * index: a page of customers with the exact total, or facet counts.
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
class CustomerQueryController {

  static final int DEFAULT_FACET_LIMIT = 20;

  private final CustomerSearch search;

  CustomerQueryController(CustomerSearch search) {
    this.search = search;
  }

  /**
   * @param query the conditions; absent means every customer
   * @param page zero-based, default 0
   * @param size 1 to 1000, default 50
   * @param sort {@code property[,asc|desc]} in priority order, e.g. {@code totalSpent,desc};
   *     default last name, then first name
   * @param after the {@code next} of a previous response with the same query and sort: the page
   *     that follows it. Pages by number end at 10,000 results; cursors reach any position.
   */
  record QueryRequest(
      CustomerQuery query, Integer page, Integer size, List<String> sort, String after) {}

  /**
   * @param query the query as run, normalised (lower-case text, typed values)
   * @param readable the query as a sentence, as shown to marketers
   * @param total matching customers across all pages
   * @param page the page number asked for; null when the page was asked for by cursor
   * @param next the cursor of the following page (pass it as {@code after}); null on the last page
   */
  record QueryResponse(
      CustomerQuery query,
      String readable,
      long total,
      Integer page,
      int size,
      List<Customer> items,
      String next) {}

  /**
   * @param query the conditions; absent means every customer
   * @param limit most common values per value facet, default 20
   */
  record FacetsRequest(CustomerQuery query, Integer limit) {}

  @PostMapping("/query")
  @Operation(summary = "Customers matching a structured query, paged and sorted")
  QueryResponse query(@RequestBody(required = false) QueryRequest request) {
    QueryRequest body = request == null ? new QueryRequest(null, null, null, null, null) : request;
    CustomerQuery query = body.query() == null ? new CustomerQuery.All() : body.query();
    int size = body.size() == null ? 50 : body.size();
    List<CustomerSearch.SortField> sort =
        body.sort() == null
            ? List.of()
            : body.sort().stream().map(CustomerSearch.SortField::parse).toList();
    if (body.after() != null && body.page() != null) {
      throw new IllegalArgumentException("give either page or after, not both");
    }
    Integer page = body.after() == null ? (body.page() == null ? 0 : body.page()) : null;
    if (page != null) {
      checkWindow(page, size);
    }
    CustomerSearch.CursorPage result =
        page == null
            ? search.page(query, sort, body.after(), size)
            : search.pageAt(query, sort, page * size, size);
    return new QueryResponse(
        query,
        ReadableQuery.render(query),
        result.total(),
        page,
        size,
        search.customers(result.ids()),
        result.nextCursor());
  }

  private static void checkWindow(int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    long end = (long) page * size + size;
    if (end > CustomerSearch.MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException(
          "only the first "
              + CustomerSearch.MAX_RESULT_WINDOW
              + " matching customers can be paged through by number (page "
              + page
              + " of size "
              + size
              + " ends at "
              + end
              + "); go on from a page's 'next' cursor with 'after', narrow the query or use"
              + " export to get all of them");
    }
  }

  @PostMapping("/facets")
  @Operation(summary = "Counts of customers matching a structured query, by facet")
  Map<String, List<CustomerSearch.FacetCount>> facets(
      @RequestBody(required = false) FacetsRequest request) {
    CustomerQuery query =
        request == null || request.query() == null ? new CustomerQuery.All() : request.query();
    int limit = request == null || request.limit() == null ? DEFAULT_FACET_LIMIT : request.limit();
    return search.facets(query, limit);
  }

  /** An unreadable query body is answered with the same detail as any body, titled for queries. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            JsonProblems.describe(e, "the request body is not a valid query request"));
    problem.setTitle("Invalid query");
    return problem;
  }
}
