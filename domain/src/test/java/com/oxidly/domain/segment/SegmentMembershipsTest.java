package com.oxidly.domain.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.customer.CustomerAggregates;
import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Segment definitions and memberships on a real PostgreSQL, with planted customers. */
class SegmentMembershipsTest {

  static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static TestDatabase database;
  static JdbcTemplate jdbc;
  static Segments segments;
  static SegmentMemberships memberships;
  static CustomerAggregates aggregates;

  @BeforeAll
  static void create() {
    database = TestDatabase.create("oxidly_segments_test");
    jdbc = database.jdbc();
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    segments = new Segments(jdbc, transactions, CLOCK);
    memberships =
        new SegmentMemberships(
            jdbc,
            database.namedJdbc(),
            transactions,
            new PostgresCustomerQueries(
                database.namedJdbc(), CLOCK, new StoreTimeZone(ZoneOffset.UTC)),
            segments,
            CLOCK);
    aggregates = new CustomerAggregates(jdbc, CLOCK);
  }

  @AfterAll
  static void drop() {
    database.drop();
  }

  @BeforeEach
  void emptyStore() {
    jdbc.update("delete from customers");
    jdbc.update("delete from segments where not built_in");
    jdbc.update("delete from segment_evaluation_queue");
  }

  @Test
  void theBuiltInsExistAfterMigrationWithReadableDefinitions() {
    assertThat(segments.all())
        .extracting(Segment::key, Segment::name, Segment::builtIn, Segment::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("at risk", "At Risk", true, SegmentKind.DYNAMIC),
            org.assertj.core.groups.Tuple.tuple(
                "high value", "High Value", true, SegmentKind.DYNAMIC));
    assertThat(segments.get("high value").definition())
        .isEqualTo(new CustomerQuery.TopPercent(CustomerField.PREDICTED_CLV, BigDecimal.TEN));
    assertThat(segments.get("at-risk").isVolatile()).as("keys are read like names").isTrue();
  }

  @Test
  void highValueIsExactlyTheTopDecileOfPredictedLifetimeValue() {
    Random random = new Random(7);
    List<BigDecimal> values = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      values.add(BigDecimal.valueOf(100_000 + random.nextInt(900_000), 2));
    }
    List<UUID> scored = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      scored.add(UUID.randomUUID());
    }
    // One statement for the data set (the test database opens a connection per statement).
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date, predicted_clv)"
            + " select u, u || '@example.com', 'T', '2024-01-01T00:00:00Z', v"
            + " from unnest(?::uuid[], ?::numeric[]) as t(u, v)",
        scored.toArray(UUID[]::new),
        values.toArray(BigDecimal[]::new));
    for (int i = 0; i < 5; i++) {
      customer(); // never scored: never high value
    }

    memberships.reevaluatePage(null, null, 10_000);

    // ceil(95 * 10%) = 10 customers: the ten highest values (distinct in this data set).
    List<BigDecimal> sorted = new ArrayList<>(values);
    sorted.sort(Collections.reverseOrder());
    assertThat(sorted.subList(0, 11)).doesNotHaveDuplicates();
    List<UUID> expected =
        scored.stream()
            .filter(id -> values.get(scored.indexOf(id)).compareTo(sorted.get(9)) >= 0)
            .toList();
    assertThat(expected).hasSize(10);
    assertThat(membersOf("high value")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(events("segment_entered", "high value")).isEqualTo(10);
  }

  @Test
  void atRiskMatchesItsDefinitionOnPlantedCustomers() {
    Instant day = NOW.minus(Duration.ofDays(1));
    // Monthly buyer, silent for 100 days (> 2 x 30): overdue.
    UUID lapsedMonthly =
        customerWithOrders(0.9, day.minus(days(160)), day.minus(days(130)), day.minus(days(100)));
    // Bought twice recently but the model says gone.
    UUID unlikelyAlive = customerWithOrders(0.2, day.minus(days(20)), day.minus(days(10)));
    // Yearly buyer, 200 days since the last order (< 2 x 365): fine.
    UUID yearly =
        customerWithOrders(0.9, day.minus(days(930)), day.minus(days(565)), day.minus(days(200)));
    // One order only: never was active, whatever the model says.
    UUID once = customerWithOrders(0.1, day.minus(days(400)));
    // Regular and recent.
    UUID regular = customerWithOrders(0.95, day.minus(days(60)), day.minus(days(30)), day);
    // Two orders of which one cancelled: one counted order only.
    UUID cancelled = customerWithOrders(0.1, day.minus(days(300)), day.minus(days(200)));
    jdbc.update(
        "update orders set status = 'cancelled' where customer_uuid = ? and ordered_at = ?",
        cancelled,
        Timestamp.from(day.minus(days(200))));
    aggregates.refresh(List.of(cancelled));

    memberships.reevaluatePage("at risk", null, 10_000);

    assertThat(membersOf("at risk")).containsExactlyInAnyOrder(lapsedMonthly, unlikelyAlive);
    assertThat(membersOf("at risk")).doesNotContain(yearly, once, regular, cancelled);
  }

  @Test
  void aQueuedChangeMovesMembershipAndAnnouncesItOnce() {
    UUID ann = customerWithOrders(0.9, NOW.minus(days(400)), NOW.minus(days(380)));
    memberships.drainBatch(1_000);
    assertThat(membersOf("at risk")).contains(ann); // 2 orders 20 days apart, silent for 380
    assertThat(events("segment_entered", "at risk")).isEqualTo(1);

    // A new order: the trigger queues Ann, the drain takes her out.
    order(ann, NOW.minus(days(1)), "o-new");
    aggregates.refresh(List.of(ann));
    assertThat(memberships.backlog()).isPositive();
    memberships.drainBatch(1_000);
    assertThat(membersOf("at risk")).doesNotContain(ann);
    assertThat(events("segment_left", "at risk")).isEqualTo(1);

    // The order is refunded: back in, with the next entry number.
    jdbc.update("update orders set status = 'refunded' where order_id = 'o-new'");
    aggregates.refresh(List.of(ann));
    memberships.drainBatch(1_000);
    assertThat(membersOf("at risk")).contains(ann);
    assertThat(
            jdbc.queryForList(
                "select event_key from customer_events where customer_uuid = ? order by id",
                String.class,
                ann))
        .containsExactly(
            "segment:at risk:" + ann + ":enter:1",
            "segment:at risk:" + ann + ":leave:1",
            "segment:at risk:" + ann + ":enter:2");

    // Processing the same customer again changes and announces nothing.
    jdbc.update("insert into segment_evaluation_queue (customer_uuid) values (?)", ann);
    memberships.drainBatch(1_000);
    memberships.evaluate(List.of(ann));
    memberships.reevaluatePage(null, null, 10_000);
    assertThat(jdbc.queryForObject("select count(*) from customer_events", Long.class))
        .isEqualTo(3);
    assertThat(
            jdbc.queryForObject(
                "select properties::text from customer_events where event_key = ?",
                String.class,
                "segment:at risk:" + ann + ":enter:2"))
        .isEqualTo("{\"segment\": \"at risk\", \"segment_name\": \"At Risk\"}");
  }

  @Test
  void staticMembersAndSegmentsDefinedThroughOthers() {
    UUID bob = customer();
    UUID eve = customer();
    segments.create(new SegmentInput(null, "VIP list", "by hand", "static", null), "tester");
    segments.create(
        new SegmentInput(
            null,
            "VIP at risk",
            null,
            null,
            "{\"type\":\"and\",\"all\":[{\"type\":\"segment\",\"segment\":\"vip list\"},"
                + "{\"type\":\"not\",\"query\":{\"type\":\"field\",\"field\":\"status\","
                + "\"comparison\":{\"op\":\"eq\",\"values\":[\"banned\"]}}}]}"),
        "tester");
    memberships.drainBatch(1_000);

    assertThat(segments.addMembers("vip list", List.of(bob, eve), "tester")).isEqualTo(2);
    jdbc.update("update customers set status = 'banned' where customer_uuid = ?", eve);
    memberships.drainBatch(1_000);

    assertThat(membersOf("vip list")).containsExactlyInAnyOrder(bob, eve);
    assertThat(membersOf("vip at risk")).containsExactly(bob);
    assertThat(segments.count("VIP list")).isEqualTo(2);

    segments.removeMembers("vip list", List.of(bob));
    memberships.drainBatch(1_000);
    assertThat(membersOf("vip list")).containsExactly(eve);
    assertThat(membersOf("vip at risk")).isEmpty();
    assertThat(events("segment_left", "vip at risk")).isEqualTo(1);
  }

  @Test
  void invalidSegmentsAreRefusedNamingEachProblem() {
    assertThatThrownBy(
            () ->
                segments.create(
                    new SegmentInput("Bad Key", "", null, "sometimes", "{\"type\":\"nope\"}"),
                    "tester"))
        .isInstanceOfSatisfying(
            InvalidSegmentException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("name", "key", "kind", "definition"));
    assertThatThrownBy(
            () ->
                segments.create(
                    new SegmentInput(
                        null,
                        "Odd",
                        null,
                        "dynamic",
                        "{\"type\":\"field\",\"field\":\"order_count\",\"comparison\":{\"op\":\"gt\",\"values\":[\"many\"]}}"),
                    "tester"))
        .isInstanceOfSatisfying(
            InvalidSegmentException.class,
            e -> {
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("definition");
              assertThat(e.getMessage()).contains("many");
            });
    segments.create(
        new SegmentInput(null, "Loop A", null, "dynamic", "{\"type\":\"all\"}"), "tester");
    segments.create(
        new SegmentInput(
            null, "Loop B", null, "dynamic", "{\"type\":\"segment\",\"segment\":\"loop a\"}"),
        "tester");
    assertThatThrownBy(
            () ->
                segments.update(
                    "loop a",
                    new SegmentInput(
                        null,
                        "Loop A",
                        null,
                        null,
                        "{\"type\":\"segment\",\"segment\":\"loop b\"}"),
                    "tester"))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageContaining("loop a -> loop b -> loop a");
    assertThatThrownBy(() -> segments.delete("high value"))
        .isInstanceOf(SegmentConflictException.class);
    assertThatThrownBy(() -> segments.delete("loop a"))
        .isInstanceOf(SegmentConflictException.class)
        .hasMessageContaining("Loop B");
    assertThatThrownBy(
            () ->
                segments.create(
                    new SegmentInput(null, "loop a", null, "dynamic", "{\"type\":\"all\"}"),
                    "tester"))
        .isInstanceOf(SegmentConflictException.class);
  }

  // ---- helpers ----

  private static Duration days(long n) {
    return Duration.ofDays(n);
  }

  private static UUID customer() {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date) values (?, ?, 'T',"
            + " '2024-01-01T00:00:00Z')",
        id,
        id + "@example.com");
    return id;
  }

  private static UUID customerWithOrders(double pAlive, Instant... orderedAt) {
    UUID id = customer();
    jdbc.update("update customers set p_alive = ? where customer_uuid = ?", pAlive, id);
    for (Instant at : orderedAt) {
      order(id, at, UUID.randomUUID().toString());
    }
    aggregates.refresh(List.of(id));
    return id;
  }

  private static void order(UUID customer, Instant at, String id) {
    jdbc.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values (?, ?, ?, 'paid', 50, 'USD')",
        id,
        customer,
        Timestamp.from(at));
  }

  private static List<UUID> membersOf(String key) {
    return jdbc.queryForList(
        "select customer_uuid from customers where segments @> array[?::text] order by"
            + " customer_uuid",
        UUID.class,
        key);
  }

  private static long events(String type, String segment) {
    return jdbc.queryForObject(
        "select count(*) from customer_events where type = ? and properties ->> 'segment' = ?"
            + " and source = 'segment'",
        Long.class,
        type,
        segment);
  }
}
