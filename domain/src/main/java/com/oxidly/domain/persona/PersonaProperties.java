package com.oxidly.domain.persona;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Persona settings ({@code oxidly.personas.*}).
 *
 * @param minK fewest personas to consider (default 3)
 * @param maxK most personas to consider (default 8); the k with the best mean silhouette wins
 * @param fitSample customers k-means is fitted on (default 20,000); everyone is then assigned to
 *     the nearest centroid
 * @param silhouetteSample customers the silhouette is measured on (default 4,000; it is quadratic)
 * @param trials k-means++ starts per k, the tightest kept (default 3)
 * @param seed the random seed, so that the same data gives the same personas (default 20261115)
 */
@ConfigurationProperties("oxidly.personas")
public record PersonaProperties(
    Integer minK,
    Integer maxK,
    Integer fitSample,
    Integer silhouetteSample,
    Integer trials,
    Long seed) {

  public PersonaProperties {
    minK = minK == null ? 3 : minK;
    maxK = maxK == null ? 8 : maxK;
    fitSample = fitSample == null ? 20_000 : fitSample;
    silhouetteSample = silhouetteSample == null ? 4_000 : silhouetteSample;
    trials = trials == null ? 3 : trials;
    seed = seed == null ? 20261115L : seed;
    if (minK < 2 || maxK < minK || maxK > 20) {
      throw new IllegalArgumentException(
          "oxidly.personas.min-k and max-k must satisfy 2 <= min-k <= max-k <= 20, were "
              + minK
              + " and "
              + maxK);
    }
    if (fitSample < 2 * maxK || silhouetteSample < 2 * maxK || trials < 1) {
      throw new IllegalArgumentException(
          "oxidly.personas.fit-sample and silhouette-sample must be at least 2 * max-k, trials"
              + " at least 1");
    }
  }

  public static PersonaProperties defaults() {
    return new PersonaProperties(null, null, null, null, null, null);
  }
}
