package com.oxidly.domain.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Marketing messages obey consent, status, frequency caps and quiet hours; transactional ones
 * (receipts, password resets) are a separate class that only status and a valid address stop.
 */
public enum MessageClass {
  @JsonProperty("marketing")
  MARKETING,
  @JsonProperty("transactional")
  TRANSACTIONAL
}
