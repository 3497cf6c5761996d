package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery rules ({@code oxidly.delivery.*}).
 *
 * @param caps marketing frequency caps per channel key ({@code email}, {@code sms}, {@code push},
 *     {@code in_app}) as {@code count/ISO-8601 duration}, e.g. {@code 3/P7D}; {@code none} lifts a
 *     default. Defaults: email 3/P7D, sms 1/P1D, push 5/P1D, in-app uncapped
 * @param quietHours local time span (in each customer's time zone) in which marketing email, SMS
 *     and push wait; default 21:00-08:00
 * @param publicBaseUrl where customers reach Oxidly (tracking, unsubscribe), no trailing slash
 * @param unsubscribeMailbox the address of List-Unsubscribe's mailto alternative
 * @param senderThreads threads of this node that hand claimed messages to providers in parallel,
 *     shared by all batches; a crash can leave at most one message per thread accepted by its
 *     provider but not yet confirmed in the log (sent again by the retry). Default 8
 */
@ConfigurationProperties("oxidly.delivery")
public record DeliveryProperties(
    Map<String, String> caps,
    QuietHours quietHours,
    String publicBaseUrl,
    String unsubscribeMailbox,
    Integer senderThreads) {

  /** Quiet hours from {@code start} to {@code end}; start after end spans midnight. */
  public record QuietHours(LocalTime start, LocalTime end, Boolean enabled) {
    public QuietHours {
      start = start == null ? LocalTime.of(21, 0) : start;
      end = end == null ? LocalTime.of(8, 0) : end;
      enabled = enabled == null || enabled;
    }
  }

  public DeliveryProperties {
    Map<String, String> merged = new LinkedHashMap<>();
    merged.put("email", "3/P7D");
    merged.put("sms", "1/P1D");
    merged.put("push", "5/P1D");
    if (caps != null) {
      caps.forEach((k, v) -> merged.put(k.toLowerCase(Locale.ROOT).replace('-', '_'), v));
    }
    caps = Map.copyOf(merged);
    quietHours = quietHours == null ? new QuietHours(null, null, null) : quietHours;
    publicBaseUrl =
        publicBaseUrl == null || publicBaseUrl.isBlank()
            ? "http://localhost:8080"
            : publicBaseUrl.strip().replaceAll("/+$", "");
    unsubscribeMailbox =
        unsubscribeMailbox == null || unsubscribeMailbox.isBlank()
            ? "unsubscribe@oxidly.local"
            : unsubscribeMailbox.strip();
    senderThreads = senderThreads == null ? 8 : senderThreads;
    if (senderThreads < 1) {
      throw new IllegalArgumentException(
          "oxidly.delivery.sender-threads must be at least 1, was " + senderThreads);
    }
    frequencyCaps(caps);
  }

  public static DeliveryProperties defaults() {
    return new DeliveryProperties(null, null, null, null, null);
  }

  /** The parsed caps; a channel without a cap is absent. */
  Map<Channel, FrequencyCap> frequencyCaps() {
    return frequencyCaps(caps);
  }

  private static Map<Channel, FrequencyCap> frequencyCaps(Map<String, String> caps) {
    Map<Channel, FrequencyCap> parsed = new EnumMap<>(Channel.class);
    caps.forEach(
        (key, value) -> {
          Channel channel = null;
          for (Channel c : Channel.values()) {
            if (c.key().equals(key)) {
              channel = c;
            }
          }
          if (channel == null) {
            throw new IllegalArgumentException(
                "oxidly.delivery.caps." + key + ": unknown channel (email, sms, push, in_app)");
          }
          FrequencyCap.parse(channel, value).ifPresent(cap -> parsed.put(cap.channel(), cap));
        });
    return parsed;
  }
}
