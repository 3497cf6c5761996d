package com.oxidly.domain.journey;

import java.time.Instant;
import java.util.Map;

/**
 * A customer event as journeys see it: stored first in {@code customer_events}, then handed to the
 * customer's journey workflows in id order.
 *
 * @param id the stored event's id; increasing, so a workflow can ignore an event handed twice
 * @param eventKey the sender's idempotency key
 * @param properties flat properties; nested values arrive as their JSON text
 */
public record JourneyEvent(
    long id, String eventKey, String type, Instant occurredAt, Map<String, String> properties) {

  public JourneyEvent {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** The value of a property, or null. */
  public String property(String name) {
    return properties.get(name);
  }
}
