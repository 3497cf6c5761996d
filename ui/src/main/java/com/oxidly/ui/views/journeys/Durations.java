package com.oxidly.ui.views.journeys;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as marketers type them: {@code 2d 4h}, {@code 30m}, or ISO-8601 ({@code P2DT4H}) as the
 * journey JSON stores them.
 */
final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)\\s*([dhms])");
  private static final Pattern FRIENDLY = Pattern.compile("(\\s*\\d+\\s*[dhms]\\s*)+");

  private Durations() {}

  /**
   * @throws IllegalArgumentException saying how to write a duration
   */
  static Duration parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("enter a duration like 2d, 4h or 30m");
    }
    if (value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text.strip() + "' is not a duration like P2D");
      }
    }
    if (!FRIENDLY.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + text.strip() + "' is not a duration; write e.g. 2d, 4h, 30m or 1d 12h");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(value);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
              });
    }
    return total;
  }

  /** {@code 1d 12h}; empty for null. */
  static String format(Duration duration) {
    if (duration == null) {
      return "";
    }
    if (duration.isZero() || duration.isNegative()) {
      return duration.toString();
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toDays(), "d");
    append(text, duration.toHoursPart(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(text.isEmpty() ? "" : " ").append(amount).append(unit);
    }
  }
}
