package com.oxidly.domain.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event as a service posts it.
 *
 * @param eventKey the sender's idempotency key (optional): the same key posted again is one event
 * @param type lower-case event type, e.g. {@code cart_updated}
 * @param customerUuid the customer, or null when {@code email} names them
 * @param email the customer's email, when the uuid is not known to the sender
 * @param occurredAt when it happened; default: when received
 * @param properties event properties (cart id, order total...); correlation keys live here
 * @param profile profile changes applied in the same transaction as the event is stored
 */
public record EventInput(
    String eventKey,
    String type,
    String customerUuid,
    String email,
    Instant occurredAt,
    Map<String, Object> properties,
    ProfileChange profile) {

  /**
   * @param addTags tags to add
   * @param removeTags tags to remove
   * @param attributes custom attributes to set
   */
  public record ProfileChange(
      List<String> addTags, List<String> removeTags, Map<String, String> attributes) {}
}
