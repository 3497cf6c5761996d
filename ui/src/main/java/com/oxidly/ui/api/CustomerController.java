package com.oxidly.ui.api;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

  CustomerController(CustomerDirectory customers) {
    this.customers = customers;
  }

  /**
   * A page of customers.
   *
   * @param sort property and optional direction, e.g. {@code totalSpent,desc}; repeatable
   */
  @GetMapping
  @Operation(summary = "List customers, paged and sorted")
  PageResponse<Customer> list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) List<String> sort) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > 1000) {
      throw new IllegalArgumentException("size must be between 1 and 1000, was " + size);
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
