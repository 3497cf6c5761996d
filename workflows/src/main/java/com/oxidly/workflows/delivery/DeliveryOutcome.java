package com.oxidly.workflows.delivery;

import java.time.Instant;

/**
 * What became of a {@link DeliveryRequest}.
 *
 * @param reason why a message was suppressed, deferred or failed (e.g. {@code no_email_consent},
 *     {@code frequency_cap:email:3/7d}, {@code quiet_hours}, {@code banned}); null when sent
 * @param retryAt for {@link Status#DEFERRED}: the earliest instant to ask again with the same key
 */
public record DeliveryOutcome(String sendKey, Status status, String reason, Instant retryAt) {

  public enum Status {
    /** Accepted by the provider and recorded (now or by an earlier attempt with the same key). */
    SENT,
    /**
     * Will never be sent: the reason is recorded in the delivery log (no consent, status, a full
     * frequency cap, an invalid address).
     */
    SUPPRESSED,
    /** Not now (quiet hours in the customer's time zone): ask again at {@code retryAt}. */
    DEFERRED,
    /** The provider refused it for good (bad address, hard bounce); recorded. */
    FAILED
  }
}
