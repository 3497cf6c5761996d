package com.oxidly.domain.query;

import static com.oxidly.domain.query.CustomerQuery.and;
import static com.oxidly.domain.query.CustomerQuery.field;
import static com.oxidly.domain.query.CustomerQuery.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reference executor against a small store whose answers are known by hand, one case per rule
 * of shared/specs/search-semantics.md. "Now" is 2026-11-15T12:00Z, so "last month" is October 2026
 * and "the last 30 days" start on 16 October at noon.
 */
class PostgresCustomerQueriesTest {

  static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final UUID CHLOE = UUID.fromString("00000000-0000-0000-0000-00000000000c");
  static final UUID DAN = UUID.fromString("00000000-0000-0000-0000-00000000000d");
  static final UUID EVE = UUID.fromString("00000000-0000-0000-0000-00000000000e");
  static final Map<UUID, String> NAMES =
      Map.of(ALICE, "alice", BOB, "bob", CHLOE, "chloe", DAN, "dan", EVE, "eve");

  static TestDatabase database;
  static PostgresCustomerQueries queries;

  @BeforeAll
  static void store() {
    database = TestDatabase.create("oxidly_test_query_" + Long.toHexString(System.nanoTime()));
    JdbcTemplate jdbc = database.jdbc();
    customer(
        jdbc,
        ALICE,
        "alice@gmail.com",
        "Alice",
        "Jones",
        "New York",
        "US",
        1990,
        "active",
        "{vip}");
    customer(jdbc, BOB, "bob@example.com", "Bob", "Brown", "York", "GB", 1960, "inactive", "{}");
    customer(
        jdbc, CHLOE, "chloe@yahoo.com", "Chloé", "Müller", "München", "DE", 2000, "active", "{}");
    customer(jdbc, DAN, "dan@gmail.com", "Dan", "Smith", "new york", "US", 1985, "active", "{}");
    customer(
        jdbc, EVE, "eve@proton.me", "Eve", "Smithson", null, null, null, "active", "{Newsletter}");
    jdbc.update(
        "insert into products (sku, name, category, price) values"
            + " ('ESP', 'Espresso Machine', 'Kitchen', 300),"
            + " ('BEANS', 'Coffee Beans', 'Coffee', 20),"
            + " ('MAKER', 'Coffeemaker Deluxe', 'Kitchen', 150)");
    order(jdbc, "A1", ALICE, "2026-10-05T10:00:00Z", "delivered", "600.00", "BEANS");
    order(jdbc, "A2", ALICE, "2026-11-10T10:00:00Z", "paid", "100.00", "ESP");
    order(jdbc, "B1", BOB, "2026-10-20T10:00:00Z", "delivered", "400.00", "ESP");
    order(jdbc, "B2", BOB, "2026-10-25T10:00:00Z", "cancelled", "300.00", "ESP");
    order(jdbc, "D1", DAN, "2026-10-30T10:00:00Z", "refunded", "501.00", "BEANS");
    order(jdbc, "D2", DAN, "2026-11-01T10:00:00Z", "delivered", "50.00", "ESP");
    order(jdbc, "E1", EVE, "2025-01-01T10:00:00Z", "delivered", "150.00", "MAKER");
    jdbc.update(
        "insert into reviews (review_id, customer_uuid, sku, rating, body, created_at) values"
            + " ('R1', ?, 'ESP', 1, 'Arrived broken', '2026-10-21T10:00:00Z'),"
            + " ('R2', ?, 'BEANS', 5, 'Lovely', '2026-10-10T10:00:00Z')",
        BOB,
        ALICE);
    jdbc.update(
        "insert into interactions (interaction_id, customer_uuid, type, channel, status,"
            + " created_at) values ('T1', ?, 'support_ticket', 'email', 'open',"
            + " '2026-11-12T10:00:00Z'), ('T2', ?, 'support_ticket', 'email', 'closed',"
            + " '2026-09-01T10:00:00Z')",
        CHLOE,
        BOB);
    jdbc.update(
        "update customers set signup_date = '2026-11-01T09:00:00Z' where customer_uuid = ?", EVE);
    // Stored aggregates over counted orders, as the write paths maintain them.
    jdbc.update(
        """
        update customers c set
          total_spent = coalesce(a.spent, 0), order_count = coalesce(a.n, 0)
        from (select c2.customer_uuid,
                     sum(o.total) filter (where o.status not in ('cancelled', 'refunded')) spent,
                     count(o.*) filter (where o.status not in ('cancelled', 'refunded')) n
                from customers c2 left join orders o on o.customer_uuid = c2.customer_uuid
               group by c2.customer_uuid) a
        where a.customer_uuid = c.customer_uuid
        """);
    queries =
        new PostgresCustomerQueries(
            database.namedJdbc(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new StoreTimeZone(ZoneOffset.UTC));
  }

  @AfterAll
  static void drop() {
    database.drop();
  }

  @Test
  void newYorkIsTheCityAndYorkIsAnother() {
    assertThat(run(field(CustomerField.CITY, Op.EQ, "New York"))).containsExactly("alice", "dan");
    assertThat(run(field(CustomerField.CITY, Op.EQ, "york"))).containsExactly("bob");
  }

  @Test
  void placesMatchIgnoringCaseAndAccents() {
    assertThat(run(field(CustomerField.CITY, Op.EQ, "munchen"))).containsExactly("chloe");
    assertThat(run(field(CustomerField.CITY, Op.EQ, "MÜNCHEN"))).containsExactly("chloe");
    assertThat(run(field(CustomerField.COUNTRY, Op.EQ, "de"))).containsExactly("chloe");
  }

  @Test
  void spentLastMonthCountsOnlyCountedOrdersInOctober() {
    TimeWindow lastMonth = new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1);
    assertThat(run(new CustomerQuery.Spent(Comparison.gt(500), lastMonth)))
        .containsExactly("alice");
    // "over" is strict, "at least" is not; Bob's cancelled 300 never counts.
    assertThat(run(new CustomerQuery.Spent(Comparison.gt(400), lastMonth)))
        .containsExactly("alice");
    assertThat(run(new CustomerQuery.Spent(Comparison.gte(400), lastMonth)))
        .containsExactly("alice", "bob");
  }

  @Test
  void theLastThirtyDaysAreARollingWindowNotLastMonth() {
    TimeWindow last30Days = new TimeWindow.Rolling(30, TimeWindow.Unit.DAY);
    assertThat(run(new CustomerQuery.Spent(Comparison.gt(0), last30Days)))
        .containsExactly("alice", "bob", "dan");
    assertThat(
            run(
                new CustomerQuery.Spent(
                    Comparison.gt(0), new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1))))
        .containsExactly("alice", "bob");
  }

  @Test
  void spentUnderIncludesCustomersWithoutOrders() {
    assertThat(run(new CustomerQuery.Spent(Comparison.lt(50), null))).containsExactly("chloe");
    assertThat(run(new CustomerQuery.Spent(Comparison.lt(51), null)))
        .containsExactly("chloe", "dan");
  }

  @Test
  void neverOrderedMeansNoCountedOrder() {
    assertThat(run(new CustomerQuery.OrderCount(Comparison.eq(0), null))).containsExactly("chloe");
    // "hasn't ordered in 90 days": Eve's only order is older; Chloé never ordered.
    assertThat(
            run(
                new CustomerQuery.OrderCount(
                    Comparison.eq(0), new TimeWindow.Rolling(90, TimeWindow.Unit.DAY))))
        .containsExactly("chloe", "eve");
  }

  @Test
  void boughtMatchesWholeWordsOfCountedOrdersOnly() {
    // Dan's coffee was refunded; Eve's "Coffeemaker" is not the word "coffee".
    assertThat(run(new CustomerQuery.Bought("coffee", null))).containsExactly("alice");
    assertThat(run(new CustomerQuery.Bought("Kitchen", null)))
        .containsExactly("alice", "bob", "dan", "eve");
    assertThat(run(new CustomerQuery.Bought("espresso machine", null)))
        .containsExactly("alice", "bob", "dan");
    // Punctuation and accents do not matter, word boundaries do.
    assertThat(run(new CustomerQuery.Bought("Espresso-Machine!", null)))
        .containsExactly("alice", "bob", "dan");
    assertThat(run(new CustomerQuery.Bought("machine espresso", null))).isEmpty();
  }

  @Test
  void averageOrderValueIsSpentOverCountedOrders() {
    assertThat(run(new CustomerQuery.AverageOrderValue(Comparison.gt(300), null)))
        .containsExactly("alice", "bob");
  }

  @Test
  void namedMatchesFirstOrLastNameAsAWholeName() {
    assertThat(run(field(CustomerField.NAME, Op.EQ, "smith"))).containsExactly("dan");
    assertThat(run(field(CustomerField.NAME, Op.EQ, "chloe"))).containsExactly("chloe");
  }

  @Test
  void agesAndDecadesUseYearOfBirth() {
    assertThat(run(field(CustomerField.AGE, Op.LT, 30))).containsExactly("chloe");
    assertThat(run(field(CustomerField.AGE, Op.GT, 50))).containsExactly("bob");
    assertThat(run(field(CustomerField.YEAR_OF_BIRTH, Op.BETWEEN, 1980, 1989)))
        .containsExactly("dan");
  }

  @Test
  void reviewsAndTickets() {
    assertThat(run(new CustomerQuery.Reviewed(Comparison.lt(3), null, null)))
        .containsExactly("bob");
    assertThat(
            run(new CustomerQuery.Interacted("support_ticket", List.of("open", "pending"), null)))
        .containsExactly("chloe");
    assertThat(
            run(
                new CustomerQuery.Interacted(
                    "support_ticket",
                    List.of(),
                    new TimeWindow.Calendar(TimeWindow.Unit.MONTH, 0))))
        .containsExactly("chloe");
  }

  @Test
  void duringIsAWindowOnADateFieldResolvedWhenItRuns() {
    assertThat(
            run(
                new CustomerQuery.During(
                    CustomerField.SIGNUP_DATE, new TimeWindow.Rolling(30, TimeWindow.Unit.DAY))))
        .containsExactly("eve");
    assertThat(
            run(
                new CustomerQuery.During(
                    CustomerField.SIGNUP_DATE,
                    new TimeWindow.Range(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)))))
        .containsExactly("alice", "bob", "chloe", "dan");
    // No first order date is stored here: nobody matches, and "not" is everybody.
    CustomerQuery firstOrderThisYear =
        new CustomerQuery.During(
            CustomerField.FIRST_ORDER_AT, new TimeWindow.Calendar(TimeWindow.Unit.YEAR, 0));
    assertThat(run(firstOrderThisYear)).isEmpty();
    assertThat(run(new CustomerQuery.Not(firstOrderThisYear))).hasSize(5);
  }

  @Test
  void notIsExactlyTheOthersEvenForMissingValues() {
    assertThat(run(new CustomerQuery.Not(field(CustomerField.CITY, Op.EQ, "new york"))))
        .containsExactly("bob", "chloe", "eve");
    assertThat(run(new CustomerQuery.Not(field(CustomerField.AGE, Op.GT, 30))))
        .containsExactly("chloe", "eve");
  }

  @Test
  void andOrCombine() {
    assertThat(
            run(
                or(
                    field(CustomerField.CITY, Op.EQ, "york"),
                    new CustomerQuery.Bought("coffee", null))))
        .containsExactly("alice", "bob");
    assertThat(
            run(
                and(
                    field(CustomerField.EMAIL_DOMAIN, Op.EQ, "gmail.com"),
                    field(CustomerField.STATUS, Op.EQ, "active"),
                    field(CustomerField.EMAIL_OPT_IN, Op.EQ, true))))
        .containsExactly("alice");
  }

  @Test
  void tagsMatchIgnoringCase() {
    assertThat(run(field(CustomerField.TAGS, Op.EQ, "newsletter"))).containsExactly("eve");
    assertThat(run(field(CustomerField.TAGS, Op.IS_NOT_SET)))
        .containsExactly("bob", "chloe", "dan");
  }

  @Test
  void theGroupedPassOverAWindowFindsTheCustomersWithOrdersThereThatMatch() {
    List<TimeWindow> windows =
        List.of(
            new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1),
            new TimeWindow.Calendar(TimeWindow.Unit.MONTH, 0),
            new TimeWindow.Calendar(TimeWindow.Unit.YEAR, -1));
    List<Comparison> comparisons =
        List.of(
            Comparison.gt(0),
            Comparison.gt(500),
            Comparison.gte(400),
            Comparison.lt(200),
            Comparison.of(Op.EQ, 1),
            Comparison.of(Op.NEQ, 50),
            Comparison.of(Op.BETWEEN, 50, 450),
            Comparison.of(Op.IN, 1, 100));
    int nonEmpty = 0;
    for (TimeWindow window : windows) {
      for (Comparison comparison : comparisons) {
        for (CustomerQuery aggregate :
            List.<CustomerQuery>of(
                new CustomerQuery.Spent(comparison, window),
                new CustomerQuery.OrderCount(comparison, window),
                new CustomerQuery.AverageOrderValue(comparison, window))) {
          List<UUID> grouped = queries.withOrdersInWindow(aggregate);
          assertThat(grouped)
              .as("%s", aggregate)
              .isEqualTo(
                  queries.matchingIds(
                      CustomerQuery.and(
                          aggregate, new CustomerQuery.OrderCount(Comparison.gt(0), window))));
          nonEmpty += grouped.isEmpty() ? 0 : 1;
        }
      }
    }
    assertThat(nonEmpty).isGreaterThan(10);
    assertThatThrownBy(
            () -> queries.withOrdersInWindow(new CustomerQuery.Spent(Comparison.gt(1), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an aggregate over a time window");
  }

  @Test
  void countAgreesWithTheMatches() {
    CustomerQuery query = field(CustomerField.CITY, Op.EQ, "new york");
    assertThat(queries.count(query)).isEqualTo(queries.matchingIds(query).size());
    assertThat(queries.count(new CustomerQuery.All())).isEqualTo(5);
  }

  private static List<String> run(CustomerQuery query) {
    Set<UUID> ids = Set.copyOf(queries.matchingIds(query));
    return ids.stream().map(NAMES::get).sorted().collect(Collectors.toList());
  }

  private static void customer(
      JdbcTemplate jdbc,
      UUID uuid,
      String email,
      String first,
      String last,
      String city,
      String country,
      Integer yearOfBirth,
      String status,
      String tags) {
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, last_name, city, country,"
            + " year_of_birth, status, signup_date, email_opt_in, tags)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', ?, ?::text[])",
        uuid,
        email,
        first,
        last,
        city,
        country,
        yearOfBirth,
        status,
        uuid.equals(ALICE) || uuid.equals(BOB),
        tags);
  }

  private static void order(
      JdbcTemplate jdbc,
      String id,
      UUID customer,
      String at,
      String status,
      String total,
      String sku) {
    jdbc.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values (?, ?, ?::timestamptz, ?, ?::numeric, 'USD')",
        id,
        customer,
        at,
        status,
        total);
    jdbc.update(
        "insert into order_items (order_id, sku, quantity, unit_price) values (?, ?, 1,"
            + " ?::numeric)",
        id,
        sku,
        total);
  }
}
