package com.oxidly.domain.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.dashboard.CustomerHistory.Kind;
import com.oxidly.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/** The dashboard's history of one customer, read from a seeded store on real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerHistoryTest {

  private final UUID ann = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private TestDatabase database;
  private JdbcTemplate jdbc;
  private CustomerHistory history;

  @BeforeAll
  void seed() {
    database =
        TestDatabase.create(
            "oxidly_test_history_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    jdbc = database.jdbc();
    history = new CustomerHistory(jdbc);
    customer(ann, "ann@example.com");
    customer(bob, "bob@example.com");
    jdbc.update(
        "insert into products (sku, name, category, price) values"
            + " ('ESP', 'Espresso Beans', 'coffee', 12.50), ('MUG', 'Mug', 'kitchen', 8)");
    order("A-1", ann, "2026-09-03T10:00:00Z", "delivered", "33.00");
    item("A-1", "ESP", 2, "12.50");
    item("A-1", "MUG", 1, "8.00");
    order("A-2", ann, "2026-11-02T10:00:00Z", "paid", "12.50");
    item("A-2", "ESP", 1, "12.50");
    order("A-3", ann, "2026-11-05T10:00:00Z", "refunded", "99.00");
    order("B-1", bob, "2026-11-04T10:00:00Z", "paid", "500.00");
    jdbc.update(
        """
        insert into reviews (review_id, customer_uuid, sku, rating, title, body, created_at,
                             sentiment_label, sentiment_score)
        values ('R-1', ?, 'ESP', 5, 'Lovely', 'Great crema', '2026-09-10T10:00:00Z', 'positive', 0.8),
               ('R-2', ?, 'MUG', 2, null, 'Chipped', '2026-11-06T10:00:00Z', 'negative', -0.5)\
        """,
        ann,
        ann);
    jdbc.update(
        """
        insert into interactions (interaction_id, customer_uuid, type, channel, subject, body,
                                  status, created_at, sentiment_label, sentiment_score)
        values ('T-1', ?, 'support_ticket', 'email', 'Late parcel', 'Where is it?', 'open',
                '2026-11-07T10:00:00Z', 'negative', -0.4)\
        """,
        ann);
    jdbc.update(
        """
        insert into deliveries (send_key, source, step_id, customer_uuid, channel, message_class,
                                status, reason, decided_at, sent_at, subject)
        values ('k1', 'campaign:7', 'broadcast', ?, 'email', 'marketing', 'sent', null,
                '2026-11-08T10:00:00Z', '2026-11-08T10:00:01Z', 'Winter sale'),
               ('k2', 'journey:3:v1', 'sms-1', ?, 'sms', 'marketing', 'suppressed',
                'no_sms_consent', '2026-11-09T10:00:00Z', null, null)\
        """,
        ann,
        ann);
    jdbc.update(
        """
        insert into consent_events (customer_uuid, channel, opted_in, source, occurred_at)
        values (?, 'email', true, 'import', '2026-01-01T00:00:00Z'),
               (?, 'sms', false, 'unsubscribe', '2026-11-10T00:00:00Z')\
        """,
        ann,
        ann);
  }

  @AfterAll
  void dropDatabase() {
    database.drop();
  }

  @Test
  void theTimelineHoldsEveryKindNewestFirstAndOnlyThisCustomers() {
    List<CustomerHistory.Entry> timeline = history.timeline(ann);

    assertThat(timeline).extracting(CustomerHistory.Entry::kind).doesNotContainNull();
    assertThat(timeline)
        .extracting(CustomerHistory.Entry::title)
        .containsExactly(
            "Sms consent withdrawn",
            "Sms from journey:3:v1",
            "Email from campaign:7",
            "Support ticket by email",
            "Review of Mug",
            "Order A-3",
            "Order A-2",
            "Review of Espresso Beans",
            "Order A-1",
            "Email consent given");
    CustomerHistory.Entry firstOrder = timeline.get(8);
    assertThat(firstOrder.detail()).isEqualTo("2 × Espresso Beans, 1 × Mug");
    assertThat(firstOrder.amount()).isEqualByComparingTo("33.00");
    assertThat(firstOrder.state()).isEqualTo("delivered");
    assertThat(timeline.get(1).state()).isEqualTo("suppressed");
    assertThat(timeline.get(1).detail()).isEqualTo("Reason: no_sms_consent");
    assertThat(timeline.get(3).state()).isEqualTo("open · negative (-0.40)");
    assertThat(timeline.get(4).state()).isEqualTo("2★ · negative (-0.50)");
    assertThat(timeline.get(7).detail()).isEqualTo("Lovely — Great crema");
    assertThat(timeline).filteredOn(e -> e.kind() == Kind.ORDER).hasSize(3);
  }

  @Test
  void monthlySeriesCountOnlyCountedOrdersAndKeepEmptyMonths() {
    List<CustomerHistory.Month> months =
        history.monthly(ann, Instant.parse("2026-11-24T00:00:00Z"), 4);

    assertThat(months)
        .extracting(CustomerHistory.Month::month)
        .containsExactly(
            YearMonth.of(2026, 8),
            YearMonth.of(2026, 9),
            YearMonth.of(2026, 10),
            YearMonth.of(2026, 11));
    assertThat(months).extracting(CustomerHistory.Month::orders).containsExactly(0, 1, 0, 1);
    assertThat(months.get(1).spent()).isEqualByComparingTo("33.00");
    assertThat(months.get(3).spent()).isEqualByComparingTo(new BigDecimal("12.50"));
  }

  @Test
  void ratingAndSentimentSeriesAreOldestFirst() {
    assertThat(history.ratings(ann))
        .extracting(CustomerHistory.Point::value)
        .containsExactly(5.0, 2.0);
    assertThat(history.sentiment(ann))
        .extracting(CustomerHistory.Point::value)
        .containsExactly(0.8, -0.5, -0.4);
    assertThat(history.consentHistory(ann))
        .extracting(CustomerHistory.ConsentChange::channel)
        .containsExactly("sms", "email");
    assertThat(history.timeline(bob))
        .extracting(CustomerHistory.Entry::title)
        .containsExactly("Order B-1");
  }

  private void customer(UUID id, String email) {
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " values (?, ?, 'Test', now())",
        id,
        email);
  }

  private void order(String id, UUID customer, String at, String status, String total) {
    jdbc.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values (?, ?, ?::timestamptz, ?, ?::numeric, 'USD')",
        id,
        customer,
        at,
        status,
        total);
  }

  private void item(String order, String sku, int quantity, String price) {
    jdbc.update(
        "insert into order_items (order_id, sku, quantity, unit_price) values (?, ?, ?,"
            + " ?::numeric)",
        order,
        sku,
        quantity,
        price);
  }
}
