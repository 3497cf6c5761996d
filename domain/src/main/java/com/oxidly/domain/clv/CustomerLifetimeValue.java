package com.oxidly.domain.clv;

import com.oxidly.domain.customer.CustomerLocks;
import com.oxidly.domain.time.StoreTimeZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Customer lifetime value: fits the BG/NBD model of purchase frequency and dropout (Fader, Hardie
 * and Lee 2005) and the Gamma-Gamma model of spend (Fader and Hardie 2013) by maximum likelihood on
 * counted orders, and scores every customer with them.
 *
 * <p>Inputs per customer, from counted orders only (status not cancelled and not refunded): a
 * purchase is a calendar day in the store's time zone with at least one counted order, its spend
 * the day's total; x = purchase days after the first, t_x = weeks from the first to the last, T =
 * weeks from the first to the end of the calibration (or scoring) day, and the mean spend of the
 * repeat days. Customers without a counted order are outside the models.
 *
 * <p>Outputs per customer, written onto the customer row (so the change log carries them into the
 * search index), over a {@link ClvHorizon} of H months (default 12) at a monthly discount rate d
 * (default 1%), with w = 365.25 / 12 / 7 weeks a month:
 *
 * <ul>
 *   <li>{@code expected_purchases} = E[Y(H w) | x, t_x, T], purchases expected in the horizon;
 *   <li>{@code p_alive} = P(alive | x, t_x, T); 1 for a customer without repeat purchase, by the
 *       model's definition (dropout happens only right after a repeat purchase);
 *   <li>{@code expected_average_spend} = E[M | x, z-bar] = p (gamma + x z-bar) / (p x + q - 1), the
 *       population mean p gamma / (q - 1) when x = 0, in the orders' currency;
 *   <li>{@code predicted_clv} = E[M] * sum over m = 1..H of (E[Y(m w)] - E[Y((m - 1) w)]) / (1 +
 *       d)^m: each month's expected purchases discounted to the month's end, times the expected
 *       spend per purchase, in the orders' currency.
 * </ul>
 *
 * A value that cannot be computed or stored (the population mean is infinite when q <= 1) is stored
 * as null; customers without counted orders get null in all four.
 */
@Service
public class CustomerLifetimeValue {

  /** Fewer customers than this give maxima on the parameters' edges rather than estimates. */
  static final int MIN_CUSTOMERS = 10;

  static final int MIN_REPEAT_CUSTOMERS = 3;

  /* numeric(14, 2) holds less than 10^12. */
  private static final double LARGEST_AMOUNT = 1e11;

  private static final String WRITE_SCORES =
      CustomerLocks.LOCKED_IN_ID_ORDER
          + """
          target as (
            select s.customer_uuid,
                   round(s.predicted_clv::numeric, 2) as predicted_clv,
                   s.p_alive,
                   s.expected_purchases,
                   round(s.expected_average_spend::numeric, 2) as expected_average_spend
              from unnest(?::uuid[], ?::float8[], ?::float8[], ?::float8[], ?::float8[])
                     as s(customer_uuid, predicted_clv, p_alive, expected_purchases,
                          expected_average_spend)
              join locked l on l.customer_uuid = s.customer_uuid
          )
          update customers c
             set predicted_clv = t.predicted_clv,
                 p_alive = t.p_alive,
                 expected_purchases = t.expected_purchases,
                 expected_average_spend = t.expected_average_spend,
                 updated_at = ?,
                 version = c.version + 1
            from target t
           where c.customer_uuid = t.customer_uuid
             and (c.predicted_clv, c.p_alive, c.expected_purchases, c.expected_average_spend)
                 is distinct from
                 (t.predicted_clv, t.p_alive, t.expected_purchases, t.expected_average_spend)
          """;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final ClvProperties properties;
  private final PurchaseHistories histories;
  private final ClvModels models;

  public CustomerLifetimeValue(
      JdbcTemplate jdbc, Clock clock, StoreTimeZone storeTimeZone, ClvProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = storeTimeZone.zone();
    this.properties = properties;
    this.histories = new PurchaseHistories(jdbc, zone);
    this.models = new ClvModels(jdbc);
  }

  /** Today in the store's time zone: the default calibration end and scoring day. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /**
   * Fits both models on counted orders up to the end of the calibration day and stores the fit as
   * the newest model. Takes about a second per hundred thousand distinct customer histories.
   *
   * @param calibrationEnd the last day (store time zone) whose orders count; empty for today
   * @return the stored model
   * @throws IllegalArgumentException when the calibration end is after today
   * @throws ClvFitException when there are fewer than {@value #MIN_CUSTOMERS} customers with
   *     counted orders or fewer than {@value #MIN_REPEAT_CUSTOMERS} with a paid repeat purchase
   */
  public ClvModel fit(Optional<LocalDate> calibrationEnd) {
    LocalDate today = today();
    LocalDate end = calibrationEnd.orElse(today);
    if (end.isAfter(today)) {
      throw new IllegalArgumentException(
          "calibration end " + end + " is after today (" + today + ", " + zone.getId() + ")");
    }
    PurchaseHistories.Calibration calibration = histories.calibration(end);
    if (calibration.customers() < MIN_CUSTOMERS
        || calibration.repeatCustomers() < MIN_REPEAT_CUSTOMERS) {
      throw new ClvFitException(
          ("lifetime value needs at least %d customers with counted orders up to %s and %d of"
                  + " them with a paid repeat purchase; there are %d and %d")
              .formatted(
                  MIN_CUSTOMERS,
                  end,
                  MIN_REPEAT_CUSTOMERS,
                  calibration.customers(),
                  calibration.repeatCustomers()));
    }
    BgNbd.Fit purchases = BgNbd.fit(calibration.histories());
    GammaGamma.Fit spend = GammaGamma.fit(calibration.repeatSpends());
    return models.insert(
        clock.instant(),
        end,
        calibration.customers(),
        calibration.repeatCustomers(),
        purchases,
        spend);
  }

  /** The newest fitted model, if any. */
  public Optional<ClvModel> latestModel() {
    return models.latest();
  }

  /** A stored model by its id. */
  public Optional<ClvModel> model(long id) {
    return models.byId(id);
  }

  /**
   * Scores every customer with the given model as of today, over the configured horizon ({@code
   * oxidly.clv.horizon-months}, {@code oxidly.clv.monthly-discount-rate}), in pages of {@code
   * oxidly.clv.page-size} customers. See {@link #score(ClvModel, LocalDate, ClvHorizon, Consumer)}.
   */
  public ScoringProgress score(ClvModel model, Consumer<ScoringProgress> progress) {
    return score(model, today(), properties.horizon(), progress);
  }

  /**
   * Scores every customer, page by page in customer-id order, each page one statement. Idempotent:
   * a customer whose stored scores are already these is not written; a changed one gets updated_at
   * = now and its version bumped (like the order metrics), which queues it for the search index.
   * Safe to run again after a crash.
   *
   * @param asOf histories are taken up to the end of this day (store time zone); T runs to it
   * @param progress told after every page
   * @return the final progress
   */
  public ScoringProgress score(
      ClvModel model, LocalDate asOf, ClvHorizon horizon, Consumer<ScoringProgress> progress) {
    long total = jdbc.queryForObject("select count(*) from customers", Long.class);
    long scored = 0;
    long written = 0;
    Optional<UUID> after = Optional.empty();
    while (true) {
      ScoringPage page = scorePage(model, asOf, horizon, after);
      scored += page.customersScored();
      written += page.customersWritten();
      ScoringProgress now = new ScoringProgress(scored, total, written);
      progress.accept(now);
      if (page.done()) {
        return now;
      }
      after = page.lastCustomer();
    }
  }

  /**
   * Scores the next {@code pageSize} customers as of today over the configured horizon; see {@link
   * #scorePage(ClvModel, LocalDate, ClvHorizon, Optional)}.
   */
  public ScoringPage scorePage(ClvModel model, Optional<UUID> after, int pageSize) {
    return scorePage(model, today(), properties.horizon(), after, pageSize);
  }

  /**
   * Scores the next {@code oxidly.clv.page-size} customers after the given one (in customer-id
   * order), in one statement; idempotent as {@link #score(ClvModel, LocalDate, ClvHorizon,
   * Consumer)}.
   *
   * @param after the previous page's last customer; empty for the first page
   */
  public ScoringPage scorePage(
      ClvModel model, LocalDate asOf, ClvHorizon horizon, Optional<UUID> after) {
    return scorePage(model, asOf, horizon, after, properties.pageSize());
  }

  private ScoringPage scorePage(
      ClvModel model, LocalDate asOf, ClvHorizon horizon, Optional<UUID> after, int pageSize) {
    Objects.requireNonNull(model, "model");
    List<UUID> ids =
        after.isPresent()
            ? jdbc.queryForList(
                "select customer_uuid from customers where customer_uuid > ?"
                    + " order by customer_uuid limit ?",
                UUID.class,
                after.get(),
                pageSize)
            : jdbc.queryForList(
                "select customer_uuid from customers order by customer_uuid limit ?",
                UUID.class,
                pageSize);
    if (ids.isEmpty()) {
      return new ScoringPage(0, 0, Optional.empty(), true);
    }
    UUID[] page = ids.toArray(UUID[]::new);
    Map<UUID, PurchaseHistories.History> pageHistories = histories.ofCustomers(page, asOf);
    ClvPredictor predictor =
        new ClvPredictor(
            model.purchases(), model.spend(), horizon.months(), horizon.monthlyDiscountRate());
    Double[] lifetimeValues = new Double[page.length];
    Double[] probabilitiesAlive = new Double[page.length];
    Double[] expectedPurchases = new Double[page.length];
    Double[] expectedSpends = new Double[page.length];
    for (int i = 0; i < page.length; i++) {
      PurchaseHistories.History history = pageHistories.get(page[i]);
      if (history == null) {
        continue;
      }
      ClvPredictor.Prediction prediction =
          predictor.predict(history.frequencyRecency(), history.meanRepeatSpend());
      lifetimeValues[i] = amount(prediction.lifetimeValue());
      probabilitiesAlive[i] = prediction.probabilityAlive();
      expectedPurchases[i] = finite(prediction.expectedPurchases());
      expectedSpends[i] = amount(prediction.expectedAverageSpend());
    }
    int written =
        jdbc.update(
            WRITE_SCORES,
            page,
            page,
            lifetimeValues,
            probabilitiesAlive,
            expectedPurchases,
            expectedSpends,
            Timestamp.from(clock.instant()));
    return new ScoringPage(
        page.length, written, Optional.of(page[page.length - 1]), page.length < pageSize);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static Double amount(double value) {
    return Double.isFinite(value) && Math.abs(value) < LARGEST_AMOUNT ? value : null;
  }
}
