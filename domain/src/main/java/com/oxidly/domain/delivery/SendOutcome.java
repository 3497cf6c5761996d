package com.oxidly.domain.delivery;

import java.time.Instant;

/**
 * What became of a {@link Send}.
 *
 * @param reason why it was suppressed, deferred or failed; null when sent
 * @param retryAt for {@link Status#DEFERRED}: the earliest instant to ask again with the same key
 */
public record SendOutcome(String sendKey, Status status, String reason, Instant retryAt) {

  public enum Status {
    SENT,
    SUPPRESSED,
    DEFERRED,
    FAILED
  }

  static SendOutcome sent(String key) {
    return new SendOutcome(key, Status.SENT, null, null);
  }

  static SendOutcome suppressed(String key, String reason) {
    return new SendOutcome(key, Status.SUPPRESSED, reason, null);
  }

  static SendOutcome failed(String key, String reason) {
    return new SendOutcome(key, Status.FAILED, reason, null);
  }

  static SendOutcome deferred(String key, String reason, Instant retryAt) {
    return new SendOutcome(key, Status.DEFERRED, reason, retryAt);
  }
}
