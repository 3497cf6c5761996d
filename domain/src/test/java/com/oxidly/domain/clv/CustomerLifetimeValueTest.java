package com.oxidly.domain.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fits and scores against a throwaway PostgreSQL database (127.0.0.1:5432, user postgres): the
 * inputs the SQL derives from orders, parameter recovery on a simulated store, the stored model,
 * and idempotent paged scoring that reaches the index's change log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerLifetimeValueTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 15);
  private static final LocalDate CALIBRATION_END = LocalDate.of(2026, 6, 30);
  private static final BgNbd TRUE_PURCHASES = new BgNbd(0.55, 6.0, 0.85, 3.2);
  private static final GammaGamma TRUE_SPEND = new GammaGamma(5.0, 3.5, 20.0);
  private static final int PAGE_SIZE = 700;

  private TestDatabase database;
  private JdbcTemplate db;
  private CustomerLifetimeValue clv;

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_clv_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    db = database.jdbc();
    clv =
        new CustomerLifetimeValue(
            db,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new StoreTimeZone(ZoneOffset.UTC),
            new ClvProperties(12, 0.01, PAGE_SIZE));
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.drop();
    }
  }

  @BeforeEach
  void emptyTables() {
    db.execute("truncate customers, orders, clv_models, customer_index_outbox cascade");
  }

  @Test
  void historiesCountDistinctPurchaseDaysOfCountedOrders() {
    UUID customer = customer(1);
    order(customer, "2026-01-05T09:00:00Z", "placed", "10.00");
    order(customer, "2026-01-05T18:00:00Z", "paid", "5.00");
    order(customer, "2026-01-19T10:00:00Z", "delivered", "20.00");
    order(customer, "2026-01-19T11:00:00Z", "shipped", "5.00");
    order(customer, "2026-02-02T10:00:00Z", "cancelled", "99.00");
    order(customer, "2026-02-16T23:30:00Z", "delivered", "30.00");
    order(customer, "2026-03-01T10:00:00Z", "refunded", "99.00");
    order(customer, "2026-03-03T10:00:00Z", "delivered", "99.00");

    PurchaseHistories.History history =
        new PurchaseHistories(db, ZoneOffset.UTC)
            .ofCustomers(new UUID[] {customer}, LocalDate.of(2026, 3, 2))
            .get(customer);

    // Purchase days 01-05 (first), 01-19 (25.00), 02-16 (30.00); 03-03 is after the end.
    assertThat(history.frequencyRecency()).isEqualTo(FrequencyRecency.of(2, 6, 8));
    assertThat(history.meanRepeatSpend()).isEqualTo(27.5);

    // In Berlin the 23:30 UTC order falls on 02-17, a day later.
    PurchaseHistories.History inBerlin =
        new PurchaseHistories(db, ZoneId.of("Europe/Berlin"))
            .ofCustomers(new UUID[] {customer}, LocalDate.of(2026, 3, 2))
            .get(customer);
    assertThat(inBerlin.frequencyRecency().recencyWeeks()).isCloseTo(43 / 7.0, within(1e-12));
  }

  @Test
  void fitOnASimulatedStoreRecoversItsParametersAndIsStored() {
    simulateStore(4_000);

    ClvModel model = clv.fit(Optional.of(CALIBRATION_END));

    PurchaseHistories.Calibration calibration =
        new PurchaseHistories(db, ZoneOffset.UTC).calibration(CALIBRATION_END);
    assertThat(model.customersUsed()).isEqualTo(4_000).isEqualTo(calibration.customers());
    assertThat(model.repeatCustomersUsed()).isEqualTo(calibration.repeatCustomers());
    assertThat(model.calibrationEnd()).isEqualTo(CALIBRATION_END);
    assertThat(model.timeUnit()).isEqualTo("weeks");
    assertThat(model.fittedAt()).isEqualTo(NOW);
    ObservedInformation.assertWithinFourStandardErrors(
        new double[] {
          TRUE_PURCHASES.r(), TRUE_PURCHASES.alpha(), TRUE_PURCHASES.a(), TRUE_PURCHASES.b()
        },
        new double[] {model.r(), model.alpha(), model.a(), model.b()},
        parameters ->
            new BgNbd(parameters[0], parameters[1], parameters[2], parameters[3])
                .logLikelihood(calibration.histories()));
    ObservedInformation.assertWithinFourStandardErrors(
        new double[] {TRUE_SPEND.p(), TRUE_SPEND.q(), TRUE_SPEND.gamma()},
        new double[] {model.p(), model.q(), model.gamma()},
        parameters ->
            new GammaGamma(parameters[0], parameters[1], parameters[2])
                .logLikelihood(calibration.repeatSpends()));
    assertThat(model.bgNbdLogLikelihood())
        .isCloseTo(model.purchases().logLikelihood(calibration.histories()), within(1e-6));
    assertThat(clv.latestModel()).contains(model);
    assertThat(clv.model(model.id())).contains(model);
  }

  @Test
  void scoringWritesEveryCustomersPredictionsOnceAndQueuesThemForTheIndex() {
    simulateStore(1_500);
    UUID withoutOrders = customer(999_999);
    db.update("update customers set p_alive = 0.5 where customer_uuid = ?", withoutOrders);
    ClvModel model = clv.fit(Optional.of(CALIBRATION_END));
    db.execute("truncate customer_index_outbox");
    List<ScoringProgress> progress = new ArrayList<>();

    ScoringProgress first = clv.score(model, progress::add);

    assertThat(first).isEqualTo(new ScoringProgress(1_501, 1_501, 1_501));
    assertThat(progress).hasSize(3);
    assertThat(progress.getFirst().customersScored()).isEqualTo(PAGE_SIZE);
    assertThat(
            db.queryForObject(
                "select count(*) from customers where predicted_clv is null or p_alive is null"
                    + " or expected_purchases is null or expected_average_spend is null",
                Long.class))
        .isEqualTo(1);
    assertThat(
            db.queryForMap(
                "select predicted_clv, p_alive from customers where customer_uuid = ?",
                withoutOrders))
        .containsEntry("predicted_clv", null)
        .containsEntry("p_alive", null);
    assertThat(db.queryForObject("select count(*) from customer_index_outbox", Long.class))
        .isPositive();

    // One customer's stored scores are exactly the model's predictions as of today.
    Map<String, Object> stored =
        db.queryForMap(
            "select customer_uuid, predicted_clv, p_alive, expected_purchases,"
                + " expected_average_spend from customers where customer_uuid <> ?"
                + " order by customer_uuid limit 1",
            withoutOrders);
    UUID someone = (UUID) stored.get("customer_uuid");
    PurchaseHistories.History history =
        new PurchaseHistories(db, ZoneOffset.UTC)
            .ofCustomers(new UUID[] {someone}, TODAY)
            .get(someone);
    ClvPredictor.Prediction expected =
        new ClvPredictor(model.purchases(), model.spend(), 12, 0.01)
            .predict(history.frequencyRecency(), history.meanRepeatSpend());
    assertThat((Double) stored.get("p_alive")).isEqualTo(expected.probabilityAlive());
    assertThat((Double) stored.get("expected_purchases")).isEqualTo(expected.expectedPurchases());
    assertThat((BigDecimal) stored.get("predicted_clv"))
        .isEqualByComparingTo(money(expected.lifetimeValue()));
    assertThat((BigDecimal) stored.get("expected_average_spend"))
        .isEqualByComparingTo(money(expected.expectedAverageSpend()));

    db.execute("truncate customer_index_outbox");
    ScoringProgress again = clv.score(model, progress::add);

    assertThat(again).isEqualTo(new ScoringProgress(1_501, 1_501, 0));
    assertThat(db.queryForObject("select count(*) from customer_index_outbox", Long.class))
        .isZero();
  }

  @Test
  void fitRefusesTooLittleDataAndFutureCalibrationEnds() {
    UUID customer = customer(1);
    order(customer, "2026-01-05T09:00:00Z", "placed", "10.00");

    assertThatThrownBy(() -> clv.fit(Optional.empty()))
        .isInstanceOf(ClvFitException.class)
        .hasMessageContaining("there are 1 and 0");
    assertThatThrownBy(() -> clv.fit(Optional.of(TODAY.plusDays(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after today");
    assertThat(clv.latestModel()).isEmpty();
  }

  /**
   * Customers drawn from the true parameters, first purchases spread over the year before the
   * calibration end, purchases simulated up to now (so the fit must ignore those after the end);
   * one in ten customers also has a cancelled or refunded order, which must not count.
   */
  private void simulateStore(int customers) {
    LocalDate earliest = CALIBRATION_END.minusWeeks(78);
    double weeksToNow = (TODAY.toEpochDay() - earliest.toEpochDay()) / 7.0;
    List<ClvSimulation.Customer> simulated =
        new ClvSimulation(42L)
            .customers(customers, TRUE_PURCHASES, TRUE_SPEND, weeksToNow - 52, weeksToNow);
    List<UUID> customerIds = new ArrayList<>();
    List<UUID> orderCustomers = new ArrayList<>();
    List<Timestamp> orderTimes = new ArrayList<>();
    List<String> orderStatuses = new ArrayList<>();
    List<BigDecimal> orderTotals = new ArrayList<>();
    for (int i = 0; i < simulated.size(); i++) {
      ClvSimulation.Customer one = simulated.get(i);
      UUID id = customerId(i);
      customerIds.add(id);
      // First purchase so that the customer's age at TODAY is the simulated one.
      Instant first = NOW.minusSeconds(Math.round(one.ageWeeks() * 7 * 86_400));
      List<Instant> times = new ArrayList<>(List.of(first));
      List<String> statuses = new ArrayList<>(List.of(i % 10 == 0 ? "delivered" : "paid"));
      List<Double> totals = new ArrayList<>(List.of(25.0));
      for (int j = 0; j < one.repeatTimes().size(); j++) {
        times.add(first.plusSeconds(Math.round(one.repeatTimes().get(j) * 7 * 86_400)));
        statuses.add("delivered");
        totals.add(one.repeatAmounts().get(j));
      }
      if (i % 10 == 5) {
        times.add(first.plusSeconds(3 * 86_400));
        statuses.add(i % 20 == 5 ? "cancelled" : "refunded");
        totals.add(500.0);
      }
      for (int j = 0; j < times.size(); j++) {
        orderCustomers.add(id);
        orderTimes.add(Timestamp.from(times.get(j)));
        orderStatuses.add(statuses.get(j));
        orderTotals.add(money(totals.get(j)));
      }
    }
    // One statement each: the change log's triggers fire per statement.
    db.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " select id, 'c' || ordinality || '@example.com', 'Test', timestamptz '2024-01-01Z'"
            + " from unnest(?::uuid[]) with ordinality as u(id, ordinality)",
        (Object) customerIds.toArray(UUID[]::new));
    db.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " select gen_random_uuid()::text, c, t, s, m, 'USD'"
            + " from unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::numeric[]) as o(c, t, s, m)",
        orderCustomers.toArray(UUID[]::new),
        orderTimes.toArray(Timestamp[]::new),
        orderStatuses.toArray(String[]::new),
        orderTotals.toArray(BigDecimal[]::new));
  }

  private static UUID customerId(int number) {
    return new UUID(0x0C1A_0000_0000_0000L, number);
  }

  private UUID customer(int number) {
    UUID id = customerId(number);
    db.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " values (?, ?, 'Test', ?)",
        id,
        "c" + number + "@example.com",
        Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
    return id;
  }

  private void order(UUID customer, String at, String status, String total) {
    db.update(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values (?, ?, ?, ?, ?, 'USD')",
        UUID.randomUUID().toString(),
        customer,
        Timestamp.from(Instant.parse(at)),
        status,
        new BigDecimal(total));
  }

  private static BigDecimal money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
  }
}
