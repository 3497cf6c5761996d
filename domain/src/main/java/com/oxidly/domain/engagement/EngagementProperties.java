package com.oxidly.domain.engagement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Weights and scales of the engagement score ({@code oxidly.analytics.engagement.*}); see {@link
 * EngagementFormula} for how they combine. The four weights are the points each factor gives at its
 * best and must add up to 100.
 *
 * @param recencyWeight points for an order today, halving every {@code recencyHalfLife}
 * @param recencyHalfLife time after which the recency points of the last order have halved
 * @param frequencyWeight points for {@code frequencyTarget} or more counted orders in the last year
 * @param frequencyTarget counted orders in a year that earn the full frequency points
 * @param reviewWeight points for {@code reviewTarget} or more reviews in the last year
 * @param reviewTarget reviews in a year that earn the full review points
 * @param responseWeight points for {@code responseTarget} or more campaign responses lately
 * @param responseTarget campaign responses within {@code responseWindow} that earn the full points
 * @param responseWindow how far back campaign responses count
 */
@ConfigurationProperties("oxidly.analytics.engagement")
public record EngagementProperties(
    Integer recencyWeight,
    Duration recencyHalfLife,
    Integer frequencyWeight,
    Integer frequencyTarget,
    Integer reviewWeight,
    Integer reviewTarget,
    Integer responseWeight,
    Integer responseTarget,
    Duration responseWindow) {

  public EngagementProperties {
    recencyWeight = recencyWeight == null ? 40 : recencyWeight;
    recencyHalfLife = recencyHalfLife == null ? Duration.ofDays(60) : recencyHalfLife;
    frequencyWeight = frequencyWeight == null ? 30 : frequencyWeight;
    frequencyTarget = frequencyTarget == null ? 6 : frequencyTarget;
    reviewWeight = reviewWeight == null ? 15 : reviewWeight;
    reviewTarget = reviewTarget == null ? 3 : reviewTarget;
    responseWeight = responseWeight == null ? 15 : responseWeight;
    responseTarget = responseTarget == null ? 2 : responseTarget;
    responseWindow = responseWindow == null ? Duration.ofDays(180) : responseWindow;
    int total = recencyWeight + frequencyWeight + reviewWeight + responseWeight;
    if (recencyWeight < 0 || frequencyWeight < 0 || reviewWeight < 0 || responseWeight < 0) {
      throw new IllegalArgumentException(
          "oxidly.analytics.engagement weights must not be negative");
    }
    if (total != 100) {
      throw new IllegalArgumentException(
          "oxidly.analytics.engagement weights must add up to 100, they add up to " + total);
    }
    if (frequencyTarget < 1 || reviewTarget < 1 || responseTarget < 1) {
      throw new IllegalArgumentException("oxidly.analytics.engagement targets must be at least 1");
    }
    if (recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
      throw new IllegalArgumentException(
          "oxidly.analytics.engagement.recency-half-life must be positive");
    }
  }

  /** The defaults: recency 40, frequency 30, reviews 15, campaign responses 15. */
  public static EngagementProperties defaults() {
    return new EngagementProperties(null, null, null, null, null, null, null, null, null);
  }
}
