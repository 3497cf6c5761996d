package com.oxidly.ui;

import com.oxidly.domain.search.CustomerIndex;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waits until the customer index holds exactly the customers PostgreSQL holds. */
public final class IndexCatchUp {

  private IndexCatchUp() {}

  public static void await(CustomerIndex index, JdbcTemplate jdbc) {
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);
    for (int attempt = 0; attempt < 600; attempt++) {
      if (count(index) == customers) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "the customer index never caught up with PostgreSQL: "
            + count(index)
            + " documents for "
            + jdbc.queryForObject("select count(*) from customers", Long.class)
            + " customers, "
            + jdbc.queryForObject("select count(*) from customer_index_outbox", Long.class)
            + " changes queued");
  }

  /** Documents visible through the alias, or -1 while the first build has not created it. */
  public static long count(CustomerIndex index) {
    try {
      return index.count();
    } catch (RuntimeException notYet) {
      return -1;
    }
  }
}
