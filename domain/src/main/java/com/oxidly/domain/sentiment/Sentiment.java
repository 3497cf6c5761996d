package com.oxidly.domain.sentiment;

import java.util.Objects;
import java.util.Set;

/**
 * The sentiment of one text.
 *
 * @param label {@code negative}, {@code neutral} or {@code positive} (the values the database's
 *     {@code sentiment_label} columns accept)
 * @param score from -1 (most negative) to 1 (most positive)
 * @param source who scored it: {@code local} (the rule-based analyzer) or {@code model} (the
 *     language model, possibly from the cache)
 */
public record Sentiment(String label, double score, String source) {

  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";
  public static final String POSITIVE = "positive";
  public static final Set<String> LABELS = Set.of(NEGATIVE, NEUTRAL, POSITIVE);

  public static final String LOCAL = "local";
  public static final String MODEL = "model";

  /**
   * Scores within this distance of 0 are neutral: VADER's published thresholds (compound score
   * {@code >= 0.05} positive, {@code <= -0.05} negative). On the held-out review sentences no other
   * band from ±0.01 to ±0.3 labels better (docs/benchmarks.md), so Oxidly keeps VADER's.
   */
  public static final double NEUTRAL_BAND = 0.05;

  public Sentiment {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
    if (!LABELS.contains(label)) {
      throw new IllegalArgumentException(
          "label must be negative, neutral or positive, was '" + label + "'");
    }
    if (!(score >= -1 && score <= 1)) {
      throw new IllegalArgumentException("score must be between -1 and 1, was " + score);
    }
  }

  /** The label of a score by {@link #NEUTRAL_BAND}. */
  public static String labelOf(double score) {
    if (score >= NEUTRAL_BAND) {
      return POSITIVE;
    }
    return score <= -NEUTRAL_BAND ? NEGATIVE : NEUTRAL;
  }
}
