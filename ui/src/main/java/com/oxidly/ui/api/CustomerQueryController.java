package com.oxidly.ui.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.search.CustomerSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Runs structured customer queries (the JSON form of {@link CustomerQuery}) against the customer
 * index: a page of customers with the exact total, or facet counts.
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
class CustomerQueryController {

  static final int DEFAULT_FACET_LIMIT = 20;

  // A Java name like com.oxidly.domain.query.CustomerQuery$Field, as Jackson messages quote them.
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*\\$)*([A-Z][A-Za-z0-9_]*)");

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
   */
  record QueryRequest(CustomerQuery query, Integer page, Integer size, List<String> sort) {}

  /**
   * @param query the query as run, normalised (lower-case text, typed values)
   * @param readable the query as a sentence, as shown to marketers
   * @param total matching customers across all pages
   */
  record QueryResponse(
      CustomerQuery query, String readable, long total, int page, int size, List<Customer> items) {}

  /**
   * @param query the conditions; absent means every customer
   * @param limit most common values per value facet, default 20
   */
  record FacetsRequest(CustomerQuery query, Integer limit) {}

  @PostMapping("/query")
  @Operation(summary = "Customers matching a structured query, paged and sorted")
  QueryResponse query(@RequestBody(required = false) QueryRequest request) {
    QueryRequest body = request == null ? new QueryRequest(null, null, null, null) : request;
    CustomerQuery query = body.query() == null ? new CustomerQuery.All() : body.query();
    int page = body.page() == null ? 0 : body.page();
    int size = body.size() == null ? 50 : body.size();
    List<CustomerSearch.SortField> sort =
        body.sort() == null
            ? List.of()
            : body.sort().stream().map(CustomerSearch.SortField::parse).toList();
    CustomerSearch.SearchResult result = search.search(query, page, size, sort);
    return new QueryResponse(
        query,
        ReadableQuery.render(query),
        result.total(),
        page,
        size,
        search.customers(result.ids()));
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

  /**
   * An unreadable body is answered here rather than by {@link ApiErrors}, which would report it as
   * a server error. Tree nodes validate themselves in their constructors and Jackson wraps what
   * they throw, so the node's own message is dug out; Jackson's own messages quote Java class
   * names, which are replaced by what a client wrote or can write.
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(e));
    problem.setTitle("Invalid query");
    return problem;
  }

  static String describe(Throwable e) {
    JacksonException jackson = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
        return at(jackson) + invalid.getMessage();
      }
      if (cause instanceof NullPointerException missing && missing.getMessage() != null) {
        // Objects.requireNonNull(x, "field") in a node: a required part was left out.
        String message = missing.getMessage();
        return at(jackson) + (message.contains(" ") ? message : "'" + message + "' is required");
      }
      if (cause instanceof JacksonException found) {
        jackson = found;
      }
    }
    if (jackson == null) {
      return "the request body is not a valid query request";
    }
    return at(jackson) + jacksonProblem(jackson);
  }

  private static String jacksonProblem(JacksonException e) {
    return switch (e) {
      case InvalidTypeIdException typeId -> typeIdProblem(typeId);
      case UnrecognizedPropertyException unknown ->
          "unknown property '"
              + unknown.getPropertyName()
              + "'; expected one of "
              + unknown.getKnownPropertyIds();
      case InvalidFormatException format -> "'" + format.getValue() + "' is not a valid value here";
      case MismatchedInputException mismatched ->
          mismatched.getTargetType() == null
              ? withoutClassNames(mismatched.getOriginalMessage())
              : "expected " + expected(mismatched.getTargetType()) + " here";
      case StreamReadException malformed ->
          "malformed JSON: " + withoutClassNames(malformed.getOriginalMessage());
      default -> withoutClassNames(e.getOriginalMessage());
    };
  }

  private static String typeIdProblem(InvalidTypeIdException e) {
    Class<?> base = e.getBaseType() == null ? null : e.getBaseType().getRawClass();
    JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
    if (info == null || subtypes == null) {
      return withoutClassNames(e.getOriginalMessage());
    }
    String names =
        Arrays.stream(subtypes.value())
            .map(JsonSubTypes.Type::name)
            .collect(Collectors.joining(", "));
    return e.getTypeId() == null
        ? "'" + info.property() + "' is missing; it must be one of " + names
        : "unknown " + info.property() + " '" + e.getTypeId() + "'; expected one of " + names;
  }

  private static String expected(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == String.class || type.isEnum()) {
      return "a text";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  /** Where in the body the problem is, as a JSON path: {@code query.all[1].comparison: }. */
  private static String at(JacksonException e) {
    if (e == null || e.getPath().isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "" : "at " + path + ": ";
  }

  private static String withoutClassNames(String message) {
    if (message == null) {
      return "the request body is not a valid query request";
    }
    return QUALIFIED_NAME.matcher(message).replaceAll("$2").replace("`", "'");
  }
}
