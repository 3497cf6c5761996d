package com.oxidly.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.ElasticsearchCustomerQueries;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Changes committed to PostgreSQL reach search within 2 seconds through the change log, with no
 * code writing to Elasticsearch directly.
 */
@OxidlyIntegrationTest
class IndexFreshnessTest {

  static final Duration FRESH = Duration.ofSeconds(2);

  @Autowired JdbcTemplate jdbc;
  @Autowired ElasticsearchCustomerQueries search;
  @Autowired CustomerIndex index;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  /** Other tests share this store: leave it as it was, in the index too. */
  @AfterEach
  void removeWhatThisTestAdded() {
    jdbc.update("delete from customers where email like 'fresh-%@example.com'");
    jdbc.update("delete from products where sku like 'FRESH-%'");
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);
    within(
        Duration.ofSeconds(10),
        () -> outboxEmpty() && IndexCatchUp.count(index) == customers,
        "the clean-up to reach the index");
  }

  @Test
  void aProfileChangeIsSearchableWithinTwoSeconds() {
    UUID customer = someCustomer();
    jdbc.update("update customers set city = 'Reykjavík' where customer_uuid = ?", customer);

    within(
        FRESH,
        () ->
            search
                .matchingIds(CustomerQuery.field(CustomerField.CITY, Op.EQ, "reykjavik"))
                .equals(List.of(customer)),
        "the new city to be searchable");
  }

  @Test
  void aNewOrderChangesWhatTheCustomerBought() {
    UUID customer = someCustomer();
    jdbc.update(
        "insert into products (sku, name, category, price) values ('FRESH-1', 'Zeppelin Kite',"
            + " 'Outdoor', 10) on conflict do nothing");
    jdbc.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values ('FRESH-ORDER-1', ?, '2026-11-14T10:00:00Z', 'paid', 10, 'USD')",
        customer);
    jdbc.update(
        "insert into order_items (order_id, sku, quantity, unit_price) values ('FRESH-ORDER-1',"
            + " 'FRESH-1', 1, 10)");

    within(
        FRESH,
        () ->
            search
                .matchingIds(new CustomerQuery.Bought("zeppelin kite", null))
                .equals(List.of(customer)),
        "the order's product to be searchable");
  }

  @Test
  void aDeletedCustomerDisappearsFromSearch() {
    UUID customer = someCustomer();
    CustomerQuery byEmail =
        CustomerQuery.field(
            CustomerField.EMAIL,
            Op.EQ,
            jdbc.queryForObject(
                "select email from customers where customer_uuid = ?", String.class, customer));
    assertThat(search.matchingIds(byEmail)).containsExactly(customer);

    jdbc.update("delete from customers where customer_uuid = ?", customer);

    within(FRESH, () -> search.matchingIds(byEmail).isEmpty(), "the customer to disappear");
    within(
        FRESH,
        () -> jdbc.queryForObject("select count(*) from customer_index_outbox", Long.class) == 0,
        "the log to drain");
  }

  @Test
  void spentConditionsFollowNewOrders() {
    UUID customer =
        jdbc.queryForObject(
            "select customer_uuid from customers where order_count = 0 order by customer_uuid limit"
                + " 1",
            UUID.class);
    CustomerQuery bigSpender = new CustomerQuery.Spent(Comparison.gt(9000), null);
    assertThat(search.matchingIds(bigSpender)).doesNotContain(customer);

    jdbc.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values ('FRESH-ORDER-2', ?, '2026-11-14T10:00:00Z', 'paid', 9999, 'USD')",
        customer);
    // Aggregates are maintained by the write path; this test stands in for it.
    jdbc.update(
        "update customers set total_spent = total_spent + 9999, order_count = order_count + 1 where"
            + " customer_uuid = ?",
        customer);

    within(
        FRESH,
        () -> search.matchingIds(bigSpender).contains(customer),
        "the new total to be searchable");
  }

  /** A customer of this test's own, without orders, indexed before the test goes on. */
  private UUID someCustomer() {
    UUID customer = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, city, signup_date)"
            + " values (?, ?, 'Fresh', 'Oslo', '2026-01-01T00:00:00Z')",
        customer,
        "fresh-" + customer + "@example.com");
    within(
        FRESH,
        () -> outboxEmpty() && IndexCatchUp.count(index) > 0,
        "the new customer to be indexed");
    return customer;
  }

  private boolean outboxEmpty() {
    return jdbc.queryForObject("select count(*) from customer_index_outbox", Long.class) == 0;
  }

  private static void within(Duration limit, Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("Waited " + limit.toMillis() + " ms for " + what);
  }
}
