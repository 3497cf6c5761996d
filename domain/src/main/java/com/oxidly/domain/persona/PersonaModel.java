package com.oxidly.domain.persona;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One fit of the personas.
 *
 * @param version the model's id
 * @param fittedAt when it was fitted
 * @param k number of personas, chosen by mean silhouette
 * @param silhouette mean silhouette of the chosen k (-1 to 1; above 0.25 means real structure)
 * @param silhouettes mean silhouette of every k tried
 * @param customersUsed customers in the fit sample
 * @param namedBy "local" (names from the centroids' traits) or the language model's name
 * @param assignedAt when every customer was assigned; null while assignment is still running
 * @param personas largest first
 */
public record PersonaModel(
    long version,
    Instant fittedAt,
    int k,
    double silhouette,
    Map<Integer, Double> silhouettes,
    int customersUsed,
    String namedBy,
    Instant assignedAt,
    List<Persona> personas) {

  public PersonaModel {
    silhouettes = Map.copyOf(silhouettes);
    personas = List.copyOf(personas);
  }
}
