package com.oxidly.ui.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.customer.CustomerAggregates;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.ElasticsearchCustomerQueries;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live membership through the running application: the triggers, the segment queue drain, the index
 * drain and both query executors, on real PostgreSQL and Elasticsearch.
 */
@OxidlyIntegrationTest
class SegmentLiveMembershipTest {

  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final CustomerQuery AT_RISK = new CustomerQuery.InSegment("at risk");

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired CustomerAggregates aggregates;
  @Autowired PostgresCustomerQueries postgres;
  @Autowired ElasticsearchCustomerQueries elasticsearch;
  @Autowired Clock clock;
  @Autowired CustomerIndex index;

  /** Other tests count the demo store's customers: leave it as it was, index included. */
  @AfterEach
  void removeTheCustomersOfThisTest() {
    jdbc.update("delete from customers where email like 'segment-live-%@example.com'");
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void anOrderMovesACustomerIntoASegmentAndACancellationOutEachAnnouncedOnce() {
    Instant now = clock.instant();
    UUID ann = UUID.randomUUID();
    // One order 300 days ago: not at risk, having bought only once.
    transactions.executeWithoutResult(
        status -> {
          jdbc.update(
              "insert into customers (customer_uuid, email, first_name, signup_date) values (?,"
                  + " ?, 'Ann', '2024-01-01T00:00:00Z')",
              ann,
              "segment-live-" + ann + "@example.com");
          order(ann, "live-1-" + ann, now.minus(Duration.ofDays(300)));
          aggregates.refresh(List.of(ann));
        });
    awaitEvaluated(ann);
    assertThat(segmentsOf(ann)).doesNotContain("at risk");

    // A second order 290 days ago: she bought every 10 days and then stopped; she is at risk.
    String second = "live-2-" + ann;
    transactions.executeWithoutResult(
        status -> {
          order(ann, second, now.minus(Duration.ofDays(290)));
          aggregates.refresh(List.of(ann));
        });

    Awaitility.await().atMost(DEADLINE).until(() -> segmentsOf(ann).contains("at risk"));
    assertThat(events(ann, "segment_entered"))
        .containsExactly("segment:at risk:" + ann + ":enter:1");
    assertThat(postgres.matchingIds(AT_RISK)).contains(ann);
    Awaitility.await()
        .atMost(DEADLINE)
        .until(() -> elasticsearch.matchingIds(AT_RISK).contains(ann));

    // The second order is refunded: one counted order again, so she leaves.
    transactions.executeWithoutResult(
        status -> {
          jdbc.update("update orders set status = 'refunded' where order_id = ?", second);
          aggregates.refresh(List.of(ann));
        });

    Awaitility.await().atMost(DEADLINE).until(() -> !segmentsOf(ann).contains("at risk"));
    assertThat(events(ann, "segment_left")).containsExactly("segment:at risk:" + ann + ":leave:1");
    assertThat(postgres.matchingIds(AT_RISK)).doesNotContain(ann);
    Awaitility.await()
        .atMost(DEADLINE)
        .until(() -> !elasticsearch.matchingIds(AT_RISK).contains(ann));

    // The same change processed again announces nothing new.
    jdbc.update("insert into segment_evaluation_queue (customer_uuid) values (?), (?)", ann, ann);
    awaitEvaluated(ann);
    assertThat(events(ann, "segment_entered")).hasSize(1);
    assertThat(events(ann, "segment_left")).hasSize(1);
    assertThat(
            jdbc.queryForObject(
                "select properties ->> 'segment_name' from customer_events where event_key = ?",
                String.class,
                "segment:at risk:" + ann + ":leave:1"))
        .isEqualTo("At Risk");
  }

  private void order(UUID customer, String orderId, Instant at) {
    jdbc.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency) values"
            + " (?, ?, ?, 'delivered', 80, 'USD')",
        orderId,
        customer,
        Timestamp.from(at));
  }

  private void awaitEvaluated(UUID customer) {
    Awaitility.await()
        .atMost(DEADLINE)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from segment_evaluation_queue where customer_uuid = ?",
                        Long.class,
                        customer)
                    == 0);
  }

  private List<String> segmentsOf(UUID customer) {
    return List.of(
        (String[])
            jdbc.queryForObject(
                "select segments from customers where customer_uuid = ?",
                (row, i) -> row.getArray(1).getArray(),
                customer));
  }

  private List<String> events(UUID customer, String type) {
    return jdbc.queryForList(
        "select event_key from customer_events where customer_uuid = ? and type = ? and source ="
            + " 'segment' order by id",
        String.class,
        customer,
        type);
  }
}
