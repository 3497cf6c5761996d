package com.oxidly.domain.journey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journeys Oxidly ships as starting points: welcome series, abandoned cart, win-back for "At
 * Risk" and a VIP offer for "High Value". A marketer creates a draft from one and edits it.
 */
public final class JourneyTemplates {

  private static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("welcome-series", "journeys/welcome-series.json");
    FILES.put("abandoned-cart", "journeys/abandoned-cart.json");
    FILES.put("win-back", "journeys/win-back.json");
    FILES.put("vip-offer", "journeys/vip-offer.json");
  }

  private JourneyTemplates() {}

  /** Template keys, in the order a picker shows them. */
  public static Iterable<String> keys() {
    return FILES.keySet();
  }

  /**
   * A template's definition.
   *
   * @throws IllegalArgumentException for an unknown key, naming the known ones
   */
  public static JourneyDefinition template(String key) {
    String file = FILES.get(key);
    if (file == null) {
      throw new IllegalArgumentException(
          "no journey template '" + key + "'; templates are " + String.join(", ", FILES.keySet()));
    }
    try (InputStream in = JourneyTemplates.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("journey template missing from the build: " + file);
      }
      return JourneyJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
