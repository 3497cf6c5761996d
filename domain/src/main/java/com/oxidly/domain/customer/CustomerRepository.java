package com.oxidly.domain.customer;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** Customers in PostgreSQL, the source of truth. */
public interface CustomerRepository
    extends ListCrudRepository<Customer, UUID>, ListPagingAndSortingRepository<Customer, UUID> {

  Optional<Customer> findByEmail(String email);
}
