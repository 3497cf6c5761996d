package com.oxidly.workflows.journey;

/**
 * @param continuation where a run that continued as new had got to; null for a new entry
 */
public record JourneyInput(
    long journeyId, int version, String customerUuid, JourneyContinuation continuation) {

  public static JourneyInput entry(long journeyId, int version, String customerUuid) {
    return new JourneyInput(journeyId, version, customerUuid, null);
  }
}
