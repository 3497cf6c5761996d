package com.oxidly.domain.engagement;

import java.util.List;

/**
 * A customer's engagement score and why: the score is exactly the sum of the contributions.
 *
 * @param score 0 to 100
 * @param contributions one per factor, in the formula's order
 */
public record Engagement(int score, List<Contribution> contributions) {

  /**
   * What one factor gave.
   *
   * @param factor recency, frequency, reviews or campaign_responses
   * @param detail the fact behind it, e.g. "last order 12 days ago"
   * @param points whole points, 0 up to the factor's weight
   */
  public record Contribution(String factor, String detail, int points) {}

  /** "last order 12 days ago +35, 4 orders in the last year +20, ..." */
  public String explanation() {
    return String.join(
        ", ", contributions.stream().map(c -> c.detail() + " +" + c.points()).toList());
  }
}
