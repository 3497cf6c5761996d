package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** At most {@code limit} marketing messages on a channel in any {@code window}. */
record FrequencyCap(Channel channel, int limit, Duration window, String text) {

  /** The suppression reason when the cap is full, e.g. {@code frequency_cap:email:3/P7D}. */
  String reason() {
    return "frequency_cap:" + channel.key() + ":" + text;
  }

  static Optional<FrequencyCap> parse(Channel channel, String value) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty() || text.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    String[] parts = text.split("/", 2);
    try {
      int limit = Integer.parseInt(parts[0].strip());
      String period = parts[1].strip().toUpperCase(java.util.Locale.ROOT);
      Duration window = Duration.parse(period);
      if (limit < 0 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException();
      }
      return Optional.of(new FrequencyCap(channel, limit, window, limit + "/" + period));
    } catch (RuntimeException e) {
      if (e instanceof DateTimeParseException
          || e instanceof IllegalArgumentException
          || e instanceof ArrayIndexOutOfBoundsException) {
        throw new IllegalArgumentException(
            "oxidly.delivery.caps."
                + channel.key()
                + " must look like 3/P7D (count/ISO-8601 duration) or none, was '"
                + value
                + "'");
      }
      throw e;
    }
  }
}
