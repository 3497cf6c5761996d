package com.oxidly.domain.clv;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Lifetime-value settings ({@code oxidly.clv.*}).
 *
 * @param horizonMonths months of future value in predicted_clv and expected purchases (default 12)
 * @param monthlyDiscountRate discount per month as a fraction (default 0.01 = 1%)
 * @param pageSize customers scored per statement (default 5,000)
 */
@ConfigurationProperties("oxidly.clv")
public record ClvProperties(Integer horizonMonths, Double monthlyDiscountRate, Integer pageSize) {

  public ClvProperties {
    horizonMonths = horizonMonths == null ? ClvHorizon.DEFAULT.months() : horizonMonths;
    monthlyDiscountRate =
        monthlyDiscountRate == null
            ? ClvHorizon.DEFAULT.monthlyDiscountRate()
            : monthlyDiscountRate;
    pageSize = pageSize == null ? 5_000 : pageSize;
    if (pageSize < 1 || pageSize > 100_000) {
      throw new IllegalArgumentException("oxidly.clv.page-size must be 1 to 100000: " + pageSize);
    }
    // Fails early, at start, on a horizon that scoring would reject.
    new ClvHorizon(horizonMonths, monthlyDiscountRate);
  }

  /** The defaults. */
  public static ClvProperties defaults() {
    return new ClvProperties(null, null, null);
  }

  /** The configured horizon and discount rate. */
  public ClvHorizon horizon() {
    return new ClvHorizon(horizonMonths, monthlyDiscountRate);
  }
}
