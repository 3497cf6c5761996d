package com.oxidly.domain.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/** Scores computed from the real schema, stored once, explained, and untouched on a rerun. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngagementScoringTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  private static final int CUSTOMERS = 12_000;

  private TestDatabase database;
  private JdbcTemplate db;
  private EngagementScoring scoring;
  private final List<UUID> customers = new ArrayList<>();

  @BeforeAll
  void store() {
    database =
        TestDatabase.create(
            "oxidly_test_engage_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    db = database.jdbc();
    scoring =
        new EngagementScoring(
            db, EngagementProperties.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    db.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " select gen_random_uuid(), 'c' || n || '@example.com', 'C' || n, now()"
            + " from generate_series(1, ?) n",
        CUSTOMERS);
    customers.addAll(
        db.queryForList("select customer_uuid from customers order by email", UUID.class));
    // The first customer: an order 60 days ago, one cancelled (not counted), two older than a year.
    UUID active = customers.getFirst();
    order(active, "O1", NOW.minus(Duration.ofDays(60)), "delivered");
    order(active, "O2", NOW.minus(Duration.ofDays(10)), "cancelled");
    order(active, "O3", NOW.minus(Duration.ofDays(400)), "delivered");
    order(active, "O4", NOW.minus(Duration.ofDays(500)), "delivered");
    db.update(
        "update customers set last_order_at = ?, order_count = 3 where customer_uuid = ?",
        Timestamp.from(NOW.minus(Duration.ofDays(60))),
        active);
    db.update(
        "insert into interactions (interaction_id, customer_uuid, type, created_at) values"
            + " ('I1', ?, 'campaign_response', ?), ('I2', ?, 'support_ticket', ?)",
        active,
        Timestamp.from(NOW.minus(Duration.ofDays(5))),
        active,
        Timestamp.from(NOW.minus(Duration.ofDays(5))));
  }

  @BeforeEach
  void unscored() {
    db.update("delete from reviews");
    db.update("update customers set engagement_score = null");
  }

  @AfterAll
  void drop() {
    database.drop();
  }

  @Test
  void scoresEveryCustomerInPagesOnceAndExplainsEachScore() {
    List<Long> progress = new ArrayList<>();

    long changed = scoring.scoreAll(progress::add);

    assertThat(progress).containsExactly(5_000L, 10_000L, 12_000L);
    assertThat(changed).isEqualTo(CUSTOMERS);
    assertThat(
            db.queryForObject(
                "select count(*) from customers where engagement_score = 0", Long.class))
        .isEqualTo(CUSTOMERS - 1);
    Engagement active = scoring.explain(customers.getFirst());
    assertThat(active.explanation())
        .isEqualTo(
            "last order 60 days ago +20, 1 order in the last year +5, 0 reviews in the last year"
                + " +0, 1 campaign response in the last 180 days +8");
    assertThat(
            db.queryForObject(
                "select engagement_score from customers where customer_uuid = ?",
                Integer.class,
                customers.getFirst()))
        .isEqualTo(active.score())
        .isEqualTo(33);

    db.update("delete from customer_index_outbox");
    assertThat(scoring.scoreAll(n -> {})).as("a rerun changes nothing").isZero();
    assertThat(db.queryForObject("select count(*) from customer_index_outbox", Long.class))
        .as("and queues nothing for the index")
        .isZero();
  }

  @Test
  void rescoresJustTheCustomersThatChanged() {
    scoring.scoreAll(n -> {});
    UUID second = customers.get(1);
    db.update(
        "insert into products (sku, name, category, price) values ('S1', 'Mug', 'Kitchen', 9)"
            + " on conflict do nothing");
    db.update(
        "insert into reviews (review_id, customer_uuid, sku, rating, created_at) values"
            + " ('R1', ?, 'S1', 5, ?)",
        second,
        Timestamp.from(NOW.minus(Duration.ofDays(3))));

    assertThat(scoring.score(List.of(second, UUID.randomUUID()))).isOne();
    assertThat(scoring.explain(second).score()).isEqualTo(5);
    assertThatThrownBy(() -> scoring.explain(UUID.randomUUID()))
        .isInstanceOf(NoSuchElementException.class);
  }

  private void order(UUID customer, String id, Instant at, String status) {
    db.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values (?, ?, ?, ?, 10, 'USD')",
        id,
        customer,
        Timestamp.from(at),
        status);
  }
}
