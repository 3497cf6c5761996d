package com.oxidly.domain.customer;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/** Read access to customer profiles, paged and sorted in PostgreSQL. */
@Service
public class CustomerDirectory {

  /** Properties a list may be sorted by; anything else is rejected with their names. */
  public static final Set<String> SORTABLE =
      Set.of(
          "customerUuid",
          "email",
          "firstName",
          "lastName",
          "city",
          "country",
          "status",
          "signupDate",
          "orderCount",
          "totalSpent",
          "lastOrderAt",
          "averageOrderValue",
          "yearOfBirth");

  private final CustomerRepository customers;

  CustomerDirectory(CustomerRepository customers) {
    this.customers = customers;
  }

  /**
   * One page of customers.
   *
   * @throws IllegalArgumentException naming the property when sorting by an unknown one
   */
  public Page<Customer> page(Pageable pageable) {
    for (Sort.Order order : pageable.getSort()) {
      if (!SORTABLE.contains(order.getProperty())) {
        throw new IllegalArgumentException(
            "cannot sort by '"
                + order.getProperty()
                + "'; sortable properties are "
                + SORTABLE.stream().sorted().toList());
      }
    }
    return customers.findAll(pageable);
  }

  public Optional<Customer> find(UUID customerUuid) {
    return customers.findById(customerUuid);
  }

  public long count() {
    return customers.count();
  }
}
