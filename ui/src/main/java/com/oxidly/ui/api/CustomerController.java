package com.oxidly.ui.api;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerDirectory;
import com.oxidly.domain.customer.CustomerProfiles;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.FieldFilters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
class CustomerController {

  private final CustomerDirectory customers;
  private final CustomerSearch search;
  private final CustomerProfiles profiles;

  CustomerController(
      CustomerDirectory customers, CustomerSearch search, CustomerProfiles profiles) {
    this.customers = customers;
    this.search = search;
    this.profiles = profiles;
  }

  /**
   * A page of customers. Without filters the page comes straight from PostgreSQL; with filters it
   * is found in the customer index (only the first 10,000 matches can be paged through).
   *
   * @param sort property and optional direction, e.g. {@code totalSpent,desc}; repeatable
   */
  @GetMapping
  @Operation(summary = "List customers, paged, sorted and optionally filtered")
  @Parameter(
      name = "filter",
      in = ParameterIn.QUERY,
      description =
          "field:value, field!=value, field>value, field>=value, field<value or field<=value, with"
              + " field a customer query field code such as city, status, total_spent or"
              + " email_opt_in; repeatable, all must hold. Example: filter=city:New York")
  PageResponse<Customer> list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) List<String> sort,
      HttpServletRequest request) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > 1000) {
      throw new IllegalArgumentException("size must be between 1 and 1000, was " + size);
    }
    // Read raw: Spring's List<String> binding splits a single value at commas, and a filter value
    // such as "Washington, D.C." must stay whole.
    String[] filters = request.getParameterValues("filter");
    if (filters != null && filters.length > 0) {
      return filtered(FieldFilters.parse(List.of(filters)), page, size, parseSort(sort));
    }
    Page<Customer> result = customers.page(PageRequest.of(page, size, parseSort(sort)));
    return new PageResponse<>(result.getContent(), page, size, result.getTotalElements());
  }

  @GetMapping("/{customerUuid}")
  @Operation(summary = "One customer by uuid; its ETag is the version to send back in If-Match")
  ResponseEntity<Customer> get(@PathVariable UUID customerUuid) {
    return withVersion(
        ResponseEntity.ok(),
        customers
            .find(customerUuid)
            .orElseThrow(() -> new NotFoundException("No customer " + customerUuid)));
  }

  /**
   * Creates a customer from its JSON properties (those of {@link Customer}; derived metrics and ids
   * are Oxidly's). 400 names every bad field; 409 when the email is taken.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a customer (email and firstName required)")
  ResponseEntity<Customer> create(@RequestBody Map<String, Object> fields) {
    Customer created = profiles.create(fields);
    return withVersion(
        ResponseEntity.created(URI.create("/api/customers/" + created.customerUuid())), created);
  }

  /**
   * Changes some fields (JSON merge patch: null clears, attributes merge key by key). With {@code
   * If-Match: "<version>"} the change applies only to that version (412 otherwise).
   */
  @PatchMapping(
      path = "/{customerUuid}",
      consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
  @Operation(summary = "Change some fields of a customer (JSON merge patch)")
  ResponseEntity<Customer> update(
      @PathVariable UUID customerUuid,
      @RequestBody Map<String, Object> fields,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return withVersion(
        ResponseEntity.ok(), profiles.update(customerUuid, fields, expectedVersion(ifMatch)));
  }

  /** Erases the customer with its orders, reviews, interactions and consent history. */
  @DeleteMapping("/{customerUuid}")
  @Operation(summary = "Erase a customer and everything recorded about them")
  ResponseEntity<Void> delete(@PathVariable UUID customerUuid) {
    if (!profiles.delete(customerUuid)) {
      throw new NotFoundException("No customer " + customerUuid);
    }
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<Customer> withVersion(
      ResponseEntity.BodyBuilder response, Customer customer) {
    return response.eTag("\"" + customer.version() + "\"").body(customer);
  }

  private static Integer expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Integer.valueOf(tag);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "If-Match must be the ETag of the customer as read, e.g. \"3\", was " + ifMatch);
    }
  }

  private PageResponse<Customer> filtered(CustomerQuery query, int page, int size, Sort sort) {
    List<CustomerSearch.SortField> fields =
        sort.stream()
            .map(order -> new CustomerSearch.SortField(order.getProperty(), order.isDescending()))
            .toList();
    CustomerSearch.SearchResult result = search.search(query, page, size, fields);
    return new PageResponse<>(search.customers(result.ids()), page, size, result.total());
  }

  private static Sort parseSort(List<String> sort) {
    if (sort == null || sort.isEmpty()) {
      return Sort.by("lastName", "firstName", "customerUuid");
    }
    // Spring splits "a,desc" into two list elements; rebuild (property[,direction]) pairs.
    java.util.ArrayList<Sort.Order> orders = new java.util.ArrayList<>();
    for (int i = 0; i < sort.size(); i++) {
      String property = sort.get(i).trim();
      Sort.Direction direction = Sort.Direction.ASC;
      if (i + 1 < sort.size()
          && Sort.Direction.fromOptionalString(sort.get(i + 1).trim()).isPresent()) {
        direction = Sort.Direction.fromString(sort.get(++i).trim());
      }
      orders.add(new Sort.Order(direction, property));
    }
    return Sort.by(orders).and(Sort.by("customerUuid"));
  }
}
