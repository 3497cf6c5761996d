package com.oxidly.domain.events;

import com.oxidly.domain.journey.JourneyEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event in {@code customer_events}, with properties flattened to text for journeys. */
public record StoredEvent(
    long id,
    String eventKey,
    UUID customerUuid,
    String type,
    Instant occurredAt,
    Map<String, String> properties) {

  public JourneyEvent toJourneyEvent() {
    return new JourneyEvent(id, eventKey, type, occurredAt, properties);
  }
}
