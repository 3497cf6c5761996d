package com.oxidly.domain.persona;

import java.time.Instant;
import java.util.List;

/**
 * A persona: a group of similar customers found by k-means, named after what sets it apart.
 *
 * @param id the persona's id (customers carry it)
 * @param name unique among the personas of its model, e.g. "Recent big-spending coffee lovers"
 * @param description two sentences
 * @param size customers assigned to it
 * @param share its fraction of all customers assigned by the model, 0 to 1
 * @param traits every feature against the store, most distinctive first
 * @param computedAt when the model was fitted
 */
public record Persona(
    long id,
    String name,
    String description,
    long size,
    double share,
    List<PersonaTrait> traits,
    Instant computedAt) {

  public Persona {
    traits = List.copyOf(traits);
  }
}
