package com.oxidly.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads real demo stores into throwaway PostgreSQL databases (127.0.0.1:5432, user postgres) and
 * checks the data the way the search and analytics modules will use it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoStoreTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:34:56.789Z");
  private static final int CUSTOMERS = 3_000;
  private static final long SEED = 42;

  private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final List<TestDatabase> databases = new ArrayList<>();
  private final List<int[]> progressCalls = new ArrayList<>();

  private TestDatabase main;
  private JdbcTemplate db;
  private DemoLoadReport report;

  @BeforeAll
  void loadMainStore() {
    main = database("main");
    db = main.jdbc();
    // Small chunks and two writers, so chunking and parallelism are exercised.
    DemoStore store = new DemoStore(main.dataSource(), 700, 2);
    Optional<DemoLoadReport> loaded =
        store.loadIfEmpty(
            new DemoStoreSpec(SEED, CUSTOMERS, NOW),
            (done, total) -> progressCalls.add(new int[] {done, total}));
    assertThat(loaded).isPresent();
    report = loaded.orElseThrow();
  }

  @AfterAll
  void dropDatabases() {
    for (TestDatabase database : databases) {
      database.drop();
    }
  }

  private TestDatabase database(String name) {
    TestDatabase database = TestDatabase.create("oxidly_test_demo_" + name + "_" + suffix);
    databases.add(database);
    return database;
  }

  // ---- Report, idempotency, concurrency ----

  @Test
  void reportCountsAreTheRowsInTheTables() {
    assertThat((long) report.customers()).isEqualTo(CUSTOMERS).isEqualTo(count("customers"));
    assertThat(report.orders()).isEqualTo(count("orders"));
    assertThat(report.orderItems()).isEqualTo(count("order_items"));
    assertThat(report.reviews()).isEqualTo(count("reviews"));
    assertThat(report.interactions()).isEqualTo(count("interactions"));
    assertThat((long) report.products()).isEqualTo(count("products")).isBetween(150L, 250L);
    assertThat(report.elapsed()).isPositive();
    assertThat(report.rowsPerSecond()).isPositive();
    assertThat(count("demo_loads")).isEqualTo(1);
    assertThat(
            count(
                "demo_loads where seed = 42 and customers = 3000 and orders = "
                    + report.orders()
                    + " and loaded_at = timestamptz '2026-11-15 12:34:56.789Z'"))
        .isEqualTo(1);
    assertThat(count("products where not active")).isBetween(1L, 20L);
  }

  @Test
  void progressIsMonotonicAndEndsAtTheTotal() {
    assertThat(progressCalls).hasSize((CUSTOMERS + 699) / 700);
    int previous = 0;
    for (int[] call : progressCalls) {
      assertThat(call[1]).isEqualTo(CUSTOMERS);
      assertThat(call[0]).isGreaterThan(previous);
      previous = call[0];
    }
    assertThat(previous).isEqualTo(CUSTOMERS);
  }

  @Test
  void loadIfEmptyOnALoadedStoreAddsNothing() {
    long orders = count("orders");
    Optional<DemoLoadReport> again =
        new DemoStore(main.dataSource()).loadIfEmpty(new DemoStoreSpec(7, 500, NOW), (d, t) -> {});
    assertThat(again).isEmpty();
    assertThat(count("customers")).isEqualTo(CUSTOMERS);
    assertThat(count("orders")).isEqualTo(orders);
    assertThat(count("demo_loads")).isEqualTo(1);
  }

  @Test
  void sameSeedGivesIdenticalDataWhateverTheChunkingAndADifferentSeedDoesNot() throws Exception {
    TestDatabase twin = database("twin");
    new DemoStore(twin.dataSource(), 97, 3)
        .load(new DemoStoreSpec(SEED, CUSTOMERS, NOW), DemoLoadProgress.NONE);
    for (String table : TABLE_DIGESTS.keySet()) {
      assertThat(digest(twin.jdbc(), table)).as(table).isEqualTo(digest(db, table));
    }

    // Two nodes starting at once into an empty store: exactly one loads.
    TestDatabase other = database("other");
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Optional<DemoLoadReport>>> nodes = new ArrayList<>();
    for (int node = 0; node < 2; node++) {
      DemoStore store = new DemoStore(other.dataSource(), 1_000, 2);
      nodes.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return store.loadIfEmpty(
                    new DemoStoreSpec(7, CUSTOMERS, NOW), DemoLoadProgress.NONE);
              }));
    }
    start.countDown();
    long loaded = 0;
    for (CompletableFuture<Optional<DemoLoadReport>> node : nodes) {
      loaded += node.get().isPresent() ? 1 : 0;
    }
    assertThat(loaded).isEqualTo(1);
    assertThat(other.jdbc().queryForObject("select count(*) from demo_loads", Long.class))
        .isEqualTo(1);
    assertThat(other.jdbc().queryForObject("select count(*) from customers", Long.class))
        .isEqualTo(CUSTOMERS);
    for (String table : List.of("customers", "orders", "reviews")) {
      assertThat(digest(other.jdbc(), table)).as(table).isNotEqualTo(digest(db, table));
    }
  }

  @Test
  void aStoreWithRealCustomersIsNeverPolluted() {
    TestDatabase real = database("real");
    real.jdbc()
        .update(
            "insert into customers (customer_uuid, email, first_name, signup_date)"
                + " values (gen_random_uuid(), 'ada@example.com', 'Ada', now())");
    Optional<DemoLoadReport> loaded =
        new DemoStore(real.dataSource()).loadIfEmpty(new DemoStoreSpec(1, 100, NOW), (d, t) -> {});
    assertThat(loaded).isEmpty();
    assertThat(real.jdbc().queryForObject("select count(*) from customers", Long.class))
        .isEqualTo(1);
    assertThat(real.jdbc().queryForObject("select count(*) from products", Long.class)).isZero();
  }

  @Test
  void aFailedLoadRemovesWhatItHadCommitted() {
    TestDatabase failed = database("failed");
    DemoStore store = new DemoStore(failed.dataSource(), 400, 2);
    assertThatThrownBy(
            () ->
                store.load(
                    new DemoStoreSpec(SEED, 2_000, NOW),
                    (done, total) -> {
                      if (done >= 800) {
                        throw new IllegalStateException("operator pressed cancel");
                      }
                    }))
        .hasMessage("operator pressed cancel");
    JdbcTemplate jdbc = failed.jdbc();
    for (String table :
        List.of("customers", "orders", "order_items", "reviews", "products", "demo_loads")) {
      assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class))
          .as(table)
          .isZero();
    }
    assertThat(
            new DemoStore(failed.dataSource())
                .loadIfEmpty(new DemoStoreSpec(SEED, 50, NOW), DemoLoadProgress.NONE))
        .isPresent();
  }

  @Test
  void emptyStoreSpecLoadsTheCatalogueOnly() {
    TestDatabase empty = database("empty");
    DemoLoadReport emptyReport =
        new DemoStore(empty.dataSource()).load(new DemoStoreSpec(3, 0, NOW), (d, t) -> {});
    assertThat(emptyReport.customers()).isZero();
    assertThat(emptyReport.orders()).isZero();
    assertThat(empty.jdbc().queryForObject("select count(*) from products", Integer.class))
        .isEqualTo(emptyReport.products());
    assertThat(empty.jdbc().queryForObject("select customers from demo_loads", Integer.class))
        .isZero();
  }

  @Test
  void specIsValidated() {
    assertThatThrownBy(() -> new DemoStoreSpec(1, -1, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1000000")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new DemoStoreSpec(1, 1_000_001, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1000001");
    assertThatThrownBy(() -> new DemoStoreSpec(1, 10, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(new DemoStoreSpec(1, 1_000_000, NOW).customers()).isEqualTo(1_000_000);
    assertThat(new DemoLoadReport(10, 20, 30, 40, 0, 100, Duration.ofSeconds(2)).rowsPerSecond())
        .isEqualTo(100.0);
    assertThat(new DemoLoadReport(10, 20, 30, 40, 0, 100, Duration.ZERO).rowsPerSecond()).isZero();
  }

  // ---- Places and people ----

  @Test
  void customersLiveInManyCitiesEachWithOneZoneOfTheRightCountry() {
    assertThat(count("(select distinct city from customers) c")).isGreaterThanOrEqualTo(30);
    assertThat(count("(select distinct country from customers) c")).isGreaterThanOrEqualTo(15);
    assertThat(
            count(
                "(select city from customers group by city"
                    + " having count(distinct time_zone) > 1 or count(distinct country) > 1) c"))
        .isZero();
    Map<String, String> expected =
        Map.of(
            "New York", "US America/New_York",
            "York", "GB Europe/London",
            "Munich", "DE Europe/Berlin",
            "Tokyo", "JP Asia/Tokyo",
            "Vancouver", "CA America/Vancouver",
            "São Paulo", "BR America/Sao_Paulo",
            "Sydney", "AU Australia/Sydney");
    expected.forEach(
        (city, countryAndZone) ->
            assertThat(
                    db.queryForList(
                        "select distinct country || ' ' || time_zone from customers where city = ?",
                        String.class,
                        city))
                .as(city)
                .containsExactly(countryAndZone));
    for (String zone : db.queryForList("select distinct time_zone from customers", String.class)) {
      assertThat(ZoneId.of(zone).getId()).isEqualTo(zone);
    }
    assertThat(
            count(
                "customers c where not exists"
                    + " (select 1 from pg_timezone_names z where z.name = c.time_zone)"))
        .isZero();
  }

  @Test
  void contactDataIsPlausiblePerCountry() {
    Map<String, String> callingCodes =
        Map.ofEntries(
            Map.entry("US", "+1"),
            Map.entry("CA", "+1"),
            Map.entry("GB", "+44"),
            Map.entry("IE", "+353"),
            Map.entry("DE", "+49"),
            Map.entry("AT", "+43"),
            Map.entry("CH", "+41"),
            Map.entry("FR", "+33"),
            Map.entry("ES", "+34"),
            Map.entry("IT", "+39"),
            Map.entry("NL", "+31"),
            Map.entry("SE", "+46"),
            Map.entry("NO", "+47"),
            Map.entry("DK", "+45"),
            Map.entry("PL", "+48"),
            Map.entry("PT", "+351"),
            Map.entry("AU", "+61"),
            Map.entry("JP", "+81"),
            Map.entry("SG", "+65"),
            Map.entry("BR", "+55"),
            Map.entry("MX", "+52"));
    assertThat(db.queryForList("select distinct country from customers", String.class))
        .allSatisfy(country -> assertThat(callingCodes).containsKey(country));
    callingCodes.forEach(
        (country, code) ->
            assertThat(
                    count(
                        "customers where country = '"
                            + country
                            + "' and phone is not null and not starts_with(phone, '"
                            + code
                            + "')"))
                .as(country)
                .isZero());
    assertThat(count("customers where phone !~ '^\\+[1-9][0-9]{7,14}$'")).isZero();
    assertThat(count("customers where phone is null")).isBetween(1L, CUSTOMERS / 4L);
    assertThat(count("customers where email !~ '^[a-z0-9.]+[0-9]+@[a-z0-9.-]+\\.[a-z]+$'"))
        .isZero();
    assertThat(count("customers where email like '%@web.de' and country <> 'DE'")).isZero();
    assertThat(count("customers where country = 'US' and postal_code !~ '^[0-9]{5}$'")).isZero();
    assertThat(count("customers where country = 'GB' and postal_code !~ '^[A-Z]{1,2}[0-9]'"))
        .isZero();
    assertThat(
            count("customers where first_name ~ '[^\\x01-\\x7F]' or last_name ~ '[^\\x01-\\x7F]'"))
        .isPositive();
    assertThat(count("customers where year_of_birth not between 1945 and 2007")).isZero();
    double bornAfter1975 =
        db.queryForObject(
            "select avg(case when year_of_birth between 1975 and 2000 then 1.0 else 0 end)"
                + " from customers where year_of_birth is not null",
            Double.class);
    assertThat(bornAfter1975).isGreaterThan(0.6);
    assertThat(
            count(
                "customers where language is not null and country = 'DE' and language <> 'de-DE'"
                    + " and language <> 'en'"))
        .isZero();
    assertThat(count("customers where signup_date < timestamptz '2023-11-15 12:34:56Z'")).isZero();
    assertThat(
            count(
                "customers where acquisition_channel in ('referral', 'affiliate', 'influencer')"
                    + " and referred_by is null"))
        .isZero();
    assertThat(count("customers where referred_by is not null")).isPositive();
    assertThat(count("customers where tags <> '{}'")).isBetween(CUSTOMERS / 20L, CUSTOMERS / 2L);
    assertThat(count("customers where attributes ? 'favourite_category'")).isPositive();
  }

  @Test
  void statusAndConsentSharesAreRealistic() {
    assertThat(share("status = 'active'")).isBetween(0.83, 0.93);
    assertThat(share("status = 'inactive'")).isBetween(0.05, 0.11);
    assertThat(share("status = 'suspended'")).isBetween(0.015, 0.05);
    assertThat(share("status = 'banned'")).isBetween(0.002, 0.025);
    assertThat(share("email_opt_in")).isBetween(0.65, 0.75);
    assertThat(share("sms_opt_in")).isBetween(0.30, 0.40);
    assertThat(share("push_opt_in")).isBetween(0.40, 0.50);
    assertThat(
            count(
                "customers where (email_opt_in <> (email_consent_at is not null))"
                    + " or (sms_opt_in <> (sms_consent_at is not null))"
                    + " or (push_opt_in <> (push_consent_at is not null))"))
        .isZero();
    assertThat(count("consent_events"))
        .isEqualTo(
            count("customers where email_opt_in")
                + count("customers where sms_opt_in")
                + count("customers where push_opt_in"));
    assertThat(
            count(
                "consent_events e join customers c using (customer_uuid)"
                    + " where not e.opted_in or e.source <> 'demo' or e.occurred_at <>"
                    + " case e.channel when 'email' then c.email_consent_at"
                    + " when 'sms' then c.sms_consent_at else c.push_consent_at end"))
        .isZero();
    assertThat(
            count(
                "customers where engagement_score is not null or sentiment_score is not null"
                    + " or predicted_clv is not null or p_alive is not null or persona is not null"
                    + " or segments <> '{}'"))
        .isZero();
  }

  // ---- Orders and their aggregates ----

  @Test
  void derivedMetricsEqualARecomputationOverCountedOrders() {
    assertThat(
            count(
                "customers c left join (select customer_uuid, sum(total) spent, count(*) n,"
                    + " min(ordered_at) first_at, max(ordered_at) last_at from orders"
                    + " where status not in ('cancelled', 'refunded') group by customer_uuid) o"
                    + " using (customer_uuid)"
                    + " where c.total_spent <> coalesce(o.spent, 0)"
                    + " or c.order_count <> coalesce(o.n, 0)"
                    + " or c.first_order_at is distinct from o.first_at"
                    + " or c.last_order_at is distinct from o.last_at"
                    + " or c.average_order_value is distinct from round(o.spent / o.n, 2)"))
        .isZero();
    assertThat(
            count(
                "customers c where not exists (select 1 from orders o where"
                    + " o.customer_uuid = c.customer_uuid)"))
        .isPositive();
    assertThat(
            count(
                "customers c where order_count = 0 and exists (select 1 from orders o where"
                    + " o.customer_uuid = c.customer_uuid)"))
        .isPositive();
    assertThat(count("customers where total_spent > 0 and average_order_value is null")).isZero();
  }

  @Test
  void ordersAreConsistentAndNeverInTheFutureOrBeforeSignup() {
    assertThat(
            count(
                "orders o where total is distinct from (select sum(quantity * unit_price)"
                    + " from order_items i where i.order_id = o.order_id)"))
        .isZero();
    assertThat(count("order_items i join products p using (sku) where i.unit_price > p.price"))
        .isZero();
    assertThat(count("order_items where quantity not between 1 and 4")).isZero();
    String now = "timestamptz '" + NOW + "'";
    for (String table : List.of("orders", "reviews", "interactions", "consent_events")) {
      String column =
          switch (table) {
            case "orders" -> "ordered_at";
            case "consent_events" -> "occurred_at";
            default -> "created_at";
          };
      assertThat(
              count(
                  table
                      + " t join customers c using (customer_uuid) where t."
                      + column
                      + " > "
                      + now
                      + " or t."
                      + column
                      + " < c.signup_date"))
          .as(table)
          .isZero();
    }
    assertThat(count("orders where updated_at > " + now + " or updated_at < ordered_at")).isZero();
    assertThat(count("customers where updated_at > " + now + " or signup_date > " + now)).isZero();
    assertThat(count("orders where currency <> 'USD'")).isZero();
    // Recent orders are still on their way; old ones are done.
    assertThat(
            count(
                "orders where ordered_at < "
                    + now
                    + " - interval '11 days' and status in ('placed', 'paid', 'shipped')"))
        .isZero();
    assertThat(
            count(
                "orders where ordered_at > "
                    + now
                    + " - interval '10 days' and status in ('delivered', 'refunded')"))
        .isZero();
    assertThat(shareOf("orders", "status = 'delivered'")).isBetween(0.90, 0.97);
    assertThat(shareOf("orders", "status = 'cancelled'")).isBetween(0.015, 0.05);
    assertThat(shareOf("orders", "status = 'refunded'")).isBetween(0.01, 0.035);
    assertThat(count("orders where coupon_code is not null")).isPositive();
    assertThat(count("orders where referral_code is not null")).isPositive();
    // Reviews are about something the customer received.
    assertThat(
            count(
                "reviews r where not exists (select 1 from orders o join order_items i using"
                    + " (order_id) where o.customer_uuid = r.customer_uuid and i.sku = r.sku"
                    + " and o.status = 'delivered' and o.ordered_at <= r.created_at)"))
        .isZero();
  }

  @Test
  void purchaseBehaviourHasTheIntendedShape() {
    assertThat(share("order_count = 0")).isBetween(0.15, 0.40);
    double meanOrders = db.queryForObject("select avg(order_count) from customers", Double.class);
    assertThat(meanOrders).isBetween(4.0, 8.0);
    double reviewedShare =
        db.queryForObject(
            "select count(*)::float / (select count(*) from orders where status = 'delivered')"
                + " from reviews",
            Double.class);
    assertThat(reviewedShare).isBetween(0.18, 0.30);
    assertThat(shareOf("reviews", "rating <= 3")).isBetween(0.12, 0.30);
    assertThat(shareOf("reviews", "rating >= 4")).isGreaterThan(0.7);
    double ticketShare =
        db.queryForObject(
            "select count(distinct customer_uuid)::float / "
                + CUSTOMERS
                + " from interactions where type = 'support_ticket'",
            Double.class);
    assertThat(ticketShare).isBetween(0.08, 0.16);
    // Customers concentrate on their favourite categories.
    double topCategoryShare =
        db.queryForObject(
            "select avg(top) from (select max(n)::float / sum(n) top from (select o.customer_uuid,"
                + " p.category, count(*) n from orders o join order_items i using (order_id)"
                + " join products p using (sku) group by 1, 2) x group by customer_uuid"
                + " having sum(n) >= 10) y",
            Double.class);
    assertThat(topCategoryShare).isGreaterThan(0.35);
  }

  // ---- Text ----

  @Test
  void reviewWordingFitsTheRating() {
    String positive = "'\\m(" + String.join("|", Texts.POSITIVE_MARKERS) + ")\\M'";
    String negative = "'\\m(" + String.join("|", Texts.NEGATIVE_MARKERS) + ")\\M'";
    String text = "(coalesce(title, '') || ' ' || body)";
    assertThat(count("reviews where rating <= 2")).isPositive();
    assertThat(count("reviews where rating = 5")).isPositive();
    assertThat(count("reviews where rating <= 2 and not " + text + " ~* " + negative)).isZero();
    assertThat(count("reviews where rating = 5 and not " + text + " ~* " + positive)).isZero();
    assertThat(count("reviews where rating >= 4 and " + text + " ~* " + negative)).isZero();
    assertThat(count("reviews where rating <= 3 and " + text + " ~* " + positive)).isZero();
    assertThat(count("reviews where sentiment_label is not null or sentiment_score is not null"))
        .isZero();
    // The CSV path must carry quotes, commas, line breaks and non-BMP characters intact.
    assertThat(count("reviews where body like '%' || chr(10) || '%'")).isPositive();
    assertThat(count("reviews where title like '%\"%' or body like '%\"%'")).isPositive();
    assertThat(count("reviews where body like '%,%'")).isPositive();
    assertThat(count("interactions where body like '%☕%' or body like '%😤%'")).isPositive();
    assertThat(count("reviews where body like '%  %' or body <> btrim(body)")).isZero();
  }

  @Test
  void interactionsUseChannelsThatFitTheirType() {
    assertThat(
            count(
                "interactions where not ((type = 'support_ticket' and channel in ('email', 'web',"
                    + " 'phone')) or (type = 'chat' and channel in ('in_app', 'web'))"
                    + " or (type = 'call' and channel = 'phone')"
                    + " or (type = 'email_reply' and channel = 'email')"
                    + " or (type = 'campaign_response' and channel in ('email', 'sms', 'push'))"
                    + " or (type = 'social_mention' and channel = 'social'))"))
        .isZero();
    assertThat(
            count(
                "interactions i join customers c using (customer_uuid)"
                    + " where i.type = 'campaign_response' and not case i.channel"
                    + " when 'email' then c.email_opt_in when 'sms' then c.sms_opt_in"
                    + " else c.push_opt_in end"))
        .isZero();
    assertThat(count("interactions where type = 'support_ticket' and status is null")).isZero();
    assertThat(
            count(
                "interactions where type = 'support_ticket' and status in ('open', 'pending')"
                    + " and created_at < timestamptz '"
                    + NOW
                    + "' - interval '60 days'"))
        .isZero();
    assertThat(count("interactions where type = 'support_ticket' and status = 'open'"))
        .isPositive();
    assertThat(count("interactions where sentiment_label is not null")).isZero();
    for (String type :
        List.of("support_ticket", "chat", "email_reply", "campaign_response", "social_mention")) {
      assertThat(count("interactions where type = '" + type + "'")).as(type).isPositive();
    }
  }

  // ---- Pure units ----

  @Test
  void timestampsFormatLikeJavaTime() {
    DateTimeFormatter expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00'");
    SplittableRandom random = new SplittableRandom(1);
    byte[] out = new byte[22];
    for (int i = 0; i < 20_000; i++) {
      long second = random.nextLong(0, 4_102_444_800L); // 1970 .. 2100
      int end = Timestamps.format(second, out, 0);
      assertThat(new String(out, 0, end, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo(expected.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
      assertThat(Timestamps.month(second))
          .isEqualTo(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC).getMonthValue());
    }
  }

  @Test
  void csvEscapingAndEncoding() {
    CsvBuffer csv = new CsvBuffer(4);
    csv.text("plain").text("").nul().text("a,b").text("say \"hi\"").text("two\nlines");
    csv.text("Zoë 😤").cents(-1234).cents(5).number(Long.MIN_VALUE).bool(true);
    csv.uuid(0x0123456789abcdefL, 0xfedcba9876543210L).id("D-5-", 7, 3);
    csv.endRow();
    assertThat(new String(csv.array(), 0, csv.length(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "plain,\"\",,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",Zoë 😤,-12.34,0.05,"
                + "-9223372036854775808,t,01234567-89ab-cdef-fedc-ba9876543210,D-5-7-3\n");
    assertThat(Names.asciiFold("Øvergaard")).isEqualTo("overgaard");
    assertThat(Names.asciiFold("O'Brien")).isEqualTo("obrien");
    assertThat(Names.asciiFold("van der Meer")).isEqualTo("vandermeer");
    assertThat(Names.asciiFold("Weiß")).isEqualTo("weiss");
    assertThat(Names.asciiFold("Łukasz")).isEqualTo("lukasz");
  }

  @Test
  void customerUuidMatchesTheGeneratedRow() {
    String first =
        db.queryForObject(
            "select customer_uuid::text from customers where email like '%0@%' and email ~"
                + " '[^0-9]0@'",
            String.class);
    UUID uuid = CustomerGenerator.customerUuid(SEED, CUSTOMERS, NOW, 0);
    assertThat(first).isEqualTo(uuid.toString());
    assertThat(uuid.version()).isEqualTo(7);
    // Time-ordered: UUIDv7 carries the signup instant, and customers sign up in index order.
    assertThat(
            count(
                "customers where (('x' || left(replace(customer_uuid::text, '-', ''), 12))::bit(48)"
                    + "::bigint / 1000) <> extract(epoch from signup_date)::bigint"))
        .isZero();
  }

  // ---- Helpers ----

  /** Per table: the row text and the order to aggregate it in. */
  private static final Map<String, String[]> TABLE_DIGESTS =
      Map.of(
          "customers", new String[] {"t::text", "customer_uuid"},
          "orders", new String[] {"t::text", "order_id"},
          "order_items", new String[] {"t::text", "order_id, sku"},
          "reviews", new String[] {"t::text", "review_id"},
          "interactions", new String[] {"t::text", "interaction_id"},
          "products", new String[] {"t::text", "sku"},
          // Without the identity id, which PostgreSQL assigns in insertion order.
          "consent_events",
              new String[] {
                "concat_ws('|', customer_uuid, channel, opted_in, source, occurred_at)",
                "customer_uuid, channel"
              });

  private static String digest(JdbcTemplate jdbc, String table) {
    String[] rowAndOrder = TABLE_DIGESTS.get(table);
    return jdbc.queryForObject(
        "select md5(string_agg("
            + rowAndOrder[0]
            + ", E'\\n' order by "
            + rowAndOrder[1]
            + ")) from "
            + table
            + " t",
        String.class);
  }

  private long count(String from) {
    return db.queryForObject("select count(*) from " + from, Long.class);
  }

  private double share(String condition) {
    return shareOf("customers", condition);
  }

  private double shareOf(String table, String condition) {
    return db.queryForObject(
        "select avg(case when " + condition + " then 1.0 else 0 end) from " + table, Double.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
