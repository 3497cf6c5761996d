package com.oxidly.domain.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one application clock. Every "now" in Oxidly (search windows, demo data, scheduling) comes
 * from this bean so that demos and tests can pin it with {@code oxidly.clock.fixed}.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  Clock clock(@Value("${oxidly.clock.fixed:}") String fixed) {
    if (fixed == null || fixed.isBlank()) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(Instant.parse(fixed.trim()), ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "oxidly.clock.fixed must be an ISO-8601 instant such as 2026-11-15T12:00:00Z, but was '"
              + fixed
              + "'",
          e);
    }
  }

  @Bean
  StoreTimeZone storeTimeZone(@Value("${oxidly.store.time-zone:UTC}") String zone) {
    return new StoreTimeZone(ZoneId.of(zone));
  }
}
