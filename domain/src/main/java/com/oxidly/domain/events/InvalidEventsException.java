package com.oxidly.domain.events;

import java.util.List;

/** Events refused as a whole batch (nothing stored), each problem naming the event and field. */
public class InvalidEventsException extends RuntimeException {

  /**
   * @param index the event's position in the batch (0 for a single event)
   * @param field the field that is wrong, e.g. {@code type} or {@code customer}
   */
  public record Problem(int index, String field, String message) {}

  private final List<Problem> problems;

  public InvalidEventsException(List<Problem> problems) {
    super(
        String.join(
            "; ",
            problems.stream()
                .map(p -> "events[" + p.index() + "]." + p.field() + " " + p.message())
                .toList()));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
