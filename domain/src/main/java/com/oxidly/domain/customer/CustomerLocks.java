package com.oxidly.domain.customer;

/**
 * How statements that rewrite customer rows in batches lock them: in id order first, so two
 * transactions over overlapping customers wait for each other instead of deadlocking.
 */
public final class CustomerLocks {

  /**
   * The opening of a {@code with} clause: a CTE {@code locked(customer_uuid)} of the customers in
   * the {@code uuid[]} placeholder, locked in id order; the statement goes on with its next CTE.
   */
  public static final String LOCKED_IN_ID_ORDER =
      """
      with locked as (
        select c.customer_uuid
          from customers c
         where c.customer_uuid = any (?::uuid[])
         order by c.customer_uuid
           for no key update
      ), \
      """;

  private CustomerLocks() {}
}
