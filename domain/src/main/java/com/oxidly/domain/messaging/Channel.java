package com.oxidly.domain.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A way a message reaches a customer. JSON names are lower case. */
public enum Channel {
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("sms")
  SMS,
  @JsonProperty("push")
  PUSH,
  @JsonProperty("in_app")
  IN_APP;

  /** The name used in JSON, the database and the API. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
