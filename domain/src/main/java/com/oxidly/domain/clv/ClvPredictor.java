package com.oxidly.domain.clv;

/**
 * Per-customer predictions from a fitted BG/NBD and Gamma-Gamma pair over a horizon of whole
 * months.
 *
 * <p>Lifetime value is the discounted expected spend of the horizon's months: with w = 365.25 / 12
 * / 7 weeks a month, H months and a monthly discount rate d,
 *
 * <pre>
 *   CLV = E[M] * sum over m = 1..H of (E[Y(m w)] - E[Y((m - 1) w)]) / (1 + d)^m
 * </pre>
 *
 * where E[Y(t)] is the BG/NBD conditional expectation of purchases in the next t weeks and E[M] the
 * Gamma-Gamma expected spend per purchase; each month's expected purchases are discounted to the
 * end of that month. This is the usual discrete form (as in Fader, Hardie and Lee's lifetime-value
 * notes and the lifetimes library); with d = 0 it is E[M] E[Y(H w)].
 */
final class ClvPredictor {

  /** Average weeks in a calendar month. */
  static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

  private final BgNbd purchases;
  private final GammaGamma spend;
  private final int horizonMonths;
  private final double monthlyDiscountRate;

  /**
   * @param horizonMonths H >= 1
   * @param monthlyDiscountRate d >= 0, e.g. 0.01 for 1% a month
   */
  ClvPredictor(BgNbd purchases, GammaGamma spend, int horizonMonths, double monthlyDiscountRate) {
    if (horizonMonths < 1) {
      throw new IllegalArgumentException("horizon must be at least one month: " + horizonMonths);
    }
    if (!(monthlyDiscountRate >= 0) || monthlyDiscountRate > 1) {
      throw new IllegalArgumentException(
          "monthly discount rate must be between 0 and 1: " + monthlyDiscountRate);
    }
    this.purchases = purchases;
    this.spend = spend;
    this.horizonMonths = horizonMonths;
    this.monthlyDiscountRate = monthlyDiscountRate;
  }

  /**
   * @param expectedPurchases E[Y(H w)], purchases expected over the horizon
   * @param probabilityAlive P(alive) now
   * @param expectedAverageSpend E[M] per future purchase, in the orders' currency
   * @param lifetimeValue the discounted CLV over the horizon, in the orders' currency
   */
  record Prediction(
      double expectedPurchases,
      double probabilityAlive,
      double expectedAverageSpend,
      double lifetimeValue) {}

  /**
   * @param history the customer's frequency, recency and age up to now
   * @param meanRepeatSpend their mean repeat spend (ignored without repeat purchases)
   */
  Prediction predict(FrequencyRecency history, double meanRepeatSpend) {
    double averageSpend =
        spend.conditionalExpectedSpend(history.repeatPurchases(), meanRepeatSpend);
    double discountedPurchases = 0;
    double before = 0;
    double discount = 1;
    for (int month = 1; month <= horizonMonths; month++) {
      double byMonthEnd = purchases.conditionalExpectedPurchases(month * WEEKS_PER_MONTH, history);
      discount /= 1 + monthlyDiscountRate;
      discountedPurchases += (byMonthEnd - before) * discount;
      before = byMonthEnd;
    }
    return new Prediction(
        before,
        purchases.probabilityAlive(history),
        averageSpend,
        averageSpend * discountedPurchases);
  }
}
