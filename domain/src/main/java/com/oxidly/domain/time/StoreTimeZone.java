package com.oxidly.domain.time;

import java.time.ZoneId;
import java.util.Objects;

/** The store's own time zone: calendar words such as "last month" are read in it. */
public record StoreTimeZone(ZoneId zone) {
  public StoreTimeZone {
    Objects.requireNonNull(zone, "zone");
  }
}
