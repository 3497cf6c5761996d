package com.oxidly.domain.journey;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journey definitions to and from JSON, the form they are stored, sent to the API and handed to the
 * journey workflow in. Durations are ISO-8601 ({@code PT1H}, {@code P2D}), times of day {@code
 * HH:mm}, dates ISO instants.
 */
public final class JourneyJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private JourneyJson() {}

  /**
   * Reads a definition.
   *
   * @throws InvalidJourneyException naming the place in the JSON that is wrong
   */
  public static JourneyDefinition parse(String json) {
    try {
      return JSON.readValue(json, JourneyDefinition.class);
    } catch (JacksonException e) {
      throw new InvalidJourneyException(
          "journey JSON is not valid: " + e.getOriginalMessage() + where(e), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidJourneyException("journey JSON is not valid: " + e.getMessage(), e);
    }
  }

  public static String write(JourneyDefinition definition) {
    return JSON.writeValueAsString(definition);
  }

  private static String where(JacksonException e) {
    String path = e.getPathReference();
    return path == null || path.isBlank() ? "" : " (at " + path + ")";
  }
}
