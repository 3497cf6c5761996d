package com.oxidly.domain.clv;

/**
 * How far ahead lifetime value looks and how it discounts: CLV sums each month's expected spend
 * divided by (1 + monthlyDiscountRate)^month (see {@link CustomerLifetimeValue}).
 *
 * @param months whole calendar months ahead (average 365.25 / 12 days each), at least 1
 * @param monthlyDiscountRate the discount rate per month as a fraction, e.g. 0.01 for 1%; 0 to 1
 */
public record ClvHorizon(int months, double monthlyDiscountRate) {

  /** Twelve months at 1% a month. */
  public static final ClvHorizon DEFAULT = new ClvHorizon(12, 0.01);

  public ClvHorizon {
    if (months < 1 || months > 1200) {
      throw new IllegalArgumentException("CLV horizon must be 1 to 1200 months, was " + months);
    }
    if (!(monthlyDiscountRate >= 0 && monthlyDiscountRate <= 1)) {
      throw new IllegalArgumentException(
          "monthly discount rate must be between 0 and 1, was " + monthlyDiscountRate);
    }
  }
}
