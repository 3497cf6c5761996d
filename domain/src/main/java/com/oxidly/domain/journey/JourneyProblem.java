package com.oxidly.domain.journey;

/**
 * Something wrong with a journey definition, to show on its card in the builder.
 *
 * @param stepId the step it is about, or null for the journey itself (name, trigger, goal)
 * @param message what is wrong, naming the field
 */
public record JourneyProblem(String stepId, String message) {

  @Override
  public String toString() {
    return stepId == null ? message : "step " + stepId + ": " + message;
  }
}
