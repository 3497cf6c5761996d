package com.oxidly.domain.demo;

import java.time.Duration;

/**
 * What one demo load wrote.
 *
 * @param customers customer rows written
 * @param orders order rows written, including cancelled and refunded ones
 * @param orderItems order item rows written
 * @param reviews review rows written
 * @param interactions interaction rows written (tickets, chats, calls, replies, ...)
 * @param products products in the demo catalogue (already present ones are kept, not rewritten)
 * @param elapsed wall-clock time of the whole load, from the first statement to the demo_loads row
 */
public record DemoLoadReport(
    int customers,
    long orders,
    long orderItems,
    long reviews,
    long interactions,
    int products,
    Duration elapsed) {

  /** All rows of this report divided by the elapsed seconds; 0 when no time elapsed. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    if (seconds <= 0) {
      return 0;
    }
    return (customers + orders + orderItems + reviews + interactions + products) / seconds;
  }
}
