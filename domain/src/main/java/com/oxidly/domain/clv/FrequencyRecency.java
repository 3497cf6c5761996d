package com.oxidly.domain.clv;

/**
 * What the BG/NBD model knows of a customer, in weeks since their first counted purchase, with the
 * number of customers who share it (fits group equal histories so their cost follows the number of
 * distinct histories, not of customers).
 *
 * @param repeatPurchases x: distinct purchase days after the first
 * @param recencyWeeks t_x: weeks from the first to the last purchase day (0 when x = 0)
 * @param ageWeeks T: weeks from the first purchase day to the end of the observation
 * @param customers how many customers have exactly this history (1 for a single customer)
 */
record FrequencyRecency(int repeatPurchases, double recencyWeeks, double ageWeeks, long customers) {

  FrequencyRecency {
    if (repeatPurchases < 0 || recencyWeeks < 0 || ageWeeks < recencyWeeks || customers < 1) {
      throw new IllegalArgumentException(
          "need x >= 0, 0 <= t_x <= T and customers >= 1, got x=%d t_x=%s T=%s customers=%d"
              .formatted(repeatPurchases, recencyWeeks, ageWeeks, customers));
    }
  }

  /** One customer's history. */
  static FrequencyRecency of(int repeatPurchases, double recencyWeeks, double ageWeeks) {
    return new FrequencyRecency(repeatPurchases, recencyWeeks, ageWeeks, 1);
  }
}
