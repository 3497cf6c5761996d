package com.oxidly.domain.persona;

import java.util.Locale;

/**
 * One trait of a persona against the store.
 *
 * @param key the feature, e.g. {@code recency_days}, {@code total_spent}, {@code email_opt_in} or
 *     {@code category:Coffee}
 * @param label how it reads, e.g. "days since last purchase"
 * @param unit {@code days}, {@code orders}, {@code amount}, {@code score}, {@code years} or {@code
 *     share} (a fraction from 0 to 1)
 * @param value the persona's mean, in the unit
 * @param storeAverage the mean over all customers fitted, in the unit
 * @param deviation the persona's mean in standard deviations from the store's (on the scale the
 *     clustering uses): how distinctive the trait is, and in which direction
 */
public record PersonaTrait(
    String key, String label, String unit, double value, double storeAverage, double deviation) {

  /** A value of this trait as it reads: "61%", "4.2", "0.35", "1,250". */
  public String formatted(double number) {
    if (Double.isNaN(number)) {
      return "n/a";
    }
    return switch (unit) {
      case "share" -> String.format(Locale.ROOT, "%.0f%%", number * 100);
      case "orders" -> String.format(Locale.ROOT, "%.1f", number);
      // Sentiment runs from -1 to 1, engagement from 0 to 100.
      case "score" ->
          Math.abs(storeAverage) <= 1
              ? String.format(Locale.ROOT, "%.2f", number)
              : String.format(Locale.US, "%,.0f", number);
      default -> String.format(Locale.US, "%,.0f", number);
    };
  }
}
