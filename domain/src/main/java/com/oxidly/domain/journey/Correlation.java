package com.oxidly.domain.journey;

/** Whether two events are about the same thing (the same cart, the same order). */
final class Correlation {

  private Correlation() {}

  /**
   * True when no correlation property is named, or when {@code candidate} carries the same value of
   * it as {@code trigger}. An event without the value never counts: an order for some other cart
   * must not stop an abandoned-cart reminder.
   */
  static boolean sameSubject(JourneyEvent candidate, JourneyEvent trigger, String correlateOn) {
    if (correlateOn == null || correlateOn.isBlank()) {
      return true;
    }
    String expected = trigger == null ? null : trigger.property(correlateOn);
    String actual = candidate.property(correlateOn);
    return expected != null && expected.equals(actual);
  }
}
