package com.oxidly.domain.journey;

import java.util.Locale;

/**
 * Segment keys as journeys compare them: "high value", "High Value", "high-value" and "high_value"
 * are one segment (segments are keyed by their lower-case, space-separated name).
 */
final class SegmentNames {

  private SegmentNames() {}

  static boolean same(String configured, String actual) {
    return configured != null && actual != null && fold(configured).equals(fold(actual));
  }

  private static String fold(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
  }
}
