package com.oxidly.domain.journey;

import java.util.List;

/** A journey that cannot be read or published; the message and problems say why. */
public class InvalidJourneyException extends RuntimeException {

  private final List<JourneyProblem> problems;

  public InvalidJourneyException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(new JourneyProblem(null, message));
  }

  public InvalidJourneyException(List<JourneyProblem> problems) {
    super(
        "journey cannot be published: "
            + String.join("; ", problems.stream().map(JourneyProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<JourneyProblem> problems() {
    return problems;
  }
}
