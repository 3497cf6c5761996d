package com.oxidly.domain.engagement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The engagement score, 0 to 100, as the sum of four factors, each rounded to whole points:
 *
 * <ul>
 *   <li><b>recency</b> = recencyWeight × 0.5^(days since the last counted order / half-life in
 *       days); 0 without orders
 *   <li><b>frequency</b> = frequencyWeight × min(1, counted orders in the last 365 days /
 *       frequencyTarget)
 *   <li><b>reviews</b> = reviewWeight × min(1, reviews in the last 365 days / reviewTarget)
 *   <li><b>campaign responses</b> = responseWeight × min(1, campaign responses within the response
 *       window / responseTarget)
 * </ul>
 *
 * Recency decays smoothly rather than in steps so that a day's difference never swings the score;
 * the others saturate at a target so one very active habit cannot stand in for all of them.
 */
final class EngagementFormula {

  private EngagementFormula() {}

  static Engagement score(EngagementInputs inputs, EngagementProperties weights, Instant now) {
    int recency = 0;
    String recencyDetail = "no orders yet";
    if (inputs.lastOrderAt() != null) {
      double days = Math.max(0, Duration.between(inputs.lastOrderAt(), now).toSeconds() / 86_400.0);
      double halfLifeDays = weights.recencyHalfLife().toSeconds() / 86_400.0;
      recency = (int) Math.round(weights.recencyWeight() * Math.pow(0.5, days / halfLifeDays));
      long wholeDays = (long) Math.floor(days);
      recencyDetail =
          wholeDays == 0
              ? "last order today"
              : "last order " + wholeDays + (wholeDays == 1 ? " day ago" : " days ago");
    }
    int frequency =
        saturating(weights.frequencyWeight(), inputs.ordersLastYear(), weights.frequencyTarget());
    int reviews =
        saturating(weights.reviewWeight(), inputs.reviewsLastYear(), weights.reviewTarget());
    int responses =
        saturating(weights.responseWeight(), inputs.recentResponses(), weights.responseTarget());
    List<Engagement.Contribution> contributions =
        List.of(
            new Engagement.Contribution("recency", recencyDetail, recency),
            new Engagement.Contribution(
                "frequency",
                count(inputs.ordersLastYear(), "order", "orders") + " in the last year",
                frequency),
            new Engagement.Contribution(
                "reviews",
                count(inputs.reviewsLastYear(), "review", "reviews") + " in the last year",
                reviews),
            new Engagement.Contribution(
                "campaign_responses",
                count(inputs.recentResponses(), "campaign response", "campaign responses")
                    + " in the last "
                    + weights.responseWindow().toDays()
                    + " days",
                responses));
    return new Engagement(recency + frequency + reviews + responses, contributions);
  }

  private static int saturating(int weight, long count, int target) {
    return (int) Math.round(weight * Math.min(1.0, (double) count / target));
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
