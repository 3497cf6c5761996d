package com.oxidly.domain.clv;

/**
 * What the Gamma-Gamma spend model knows of a repeat customer, with the number of customers who
 * share it.
 *
 * @param repeatPurchases x >= 1: distinct purchase days after the first
 * @param meanRepeatSpend z-bar > 0: mean of the x repeat purchase days' spend, in the orders'
 *     currency
 * @param customers how many customers have exactly this pair (1 for a single customer)
 */
record RepeatSpend(int repeatPurchases, double meanRepeatSpend, long customers) {

  RepeatSpend {
    if (repeatPurchases < 1 || !(meanRepeatSpend > 0) || customers < 1) {
      throw new IllegalArgumentException(
          "need x >= 1, mean spend > 0 and customers >= 1, got x=%d mean=%s customers=%d"
              .formatted(repeatPurchases, meanRepeatSpend, customers));
    }
  }
}
