package com.oxidly.domain.persona;

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
    String key, String label, String unit, double value, double storeAverage, double deviation) {}
