package com.oxidly.domain.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lifecycle status of a customer; only {@link #ACTIVE} customers receive campaigns. */
public enum CustomerStatus {
  ACTIVE,
  INACTIVE,
  SUSPENDED,
  BANNED;

  /** The lower-case word stored in PostgreSQL and used in CSV, JSON and search. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a status word case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when the word is unknown
   */
  @JsonCreator
  public static CustomerStatus fromCode(String code) {
    for (CustomerStatus status : values()) {
      if (status.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown status '"
            + code
            + "'; expected one of "
            + Arrays.stream(values()).map(CustomerStatus::code).collect(Collectors.joining(", ")));
  }
}
