package com.oxidly.ui.api;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerDirectory;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.FieldFilters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
class CustomerController {

  private final CustomerDirectory customers;
  private final CustomerSearch search;

  CustomerController(CustomerDirectory customers, CustomerSearch search) {
    this.customers = customers;
    this.search = search;
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
  @Operation(summary = "One customer by uuid")
  Customer get(@PathVariable UUID customerUuid) {
    return customers
        .find(customerUuid)
        .orElseThrow(() -> new NotFoundException("No customer " + customerUuid));
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
