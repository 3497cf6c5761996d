package com.oxidly.domain.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * A journey as plain data: what the visual builder edits, what a published version freezes and what
 * the journey workflow interprets. JSON with {@code type} discriminators on triggers and steps; see
 * {@link JourneyJson}.
 *
 * @param trigger what makes a customer enter
 * @param reEntry whether a customer who entered before may enter again
 * @param exitWhen criteria that end a customer's run at once, whatever step it is on
 * @param goal the conversion the journey is for (optional): counted with revenue by goal steps, and
 *     for holdout groups
 * @param steps the flow, top to bottom
 */
public record JourneyDefinition(
    String name,
    String description,
    JourneyTrigger trigger,
    ReEntry reEntry,
    List<ExitCriterion> exitWhen,
    ConversionGoal goal,
    List<JourneyStep> steps) {

  public JourneyDefinition {
    reEntry = reEntry == null ? ReEntry.NEVER : reEntry;
    exitWhen = exitWhen == null ? List.of() : List.copyOf(exitWhen);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /**
   * @param after for {@link Policy#AFTER}: how long after the previous entry a customer may enter
   *     again
   */
  public record ReEntry(Policy policy, Duration after) {
    public static final ReEntry NEVER = new ReEntry(Policy.NEVER, null);

    public enum Policy {
      @JsonProperty("never")
      NEVER,
      @JsonProperty("after")
      AFTER,
      @JsonProperty("always")
      ALWAYS
    }
  }

  /**
   * Ends a run when an event arrives (with {@code correlateOn}: only one about the same thing as
   * the trigger, e.g. the same cart) or when the customer leaves a segment. Exactly one of {@code
   * event} and {@code leftSegment} is set.
   */
  public record ExitCriterion(String event, String correlateOn, String leftSegment) {

    /** Whether {@code event} ends a run that was triggered by {@code trigger}. */
    public boolean endedBy(JourneyEvent candidate, JourneyEvent trigger) {
      if (leftSegment != null) {
        return candidate.type().equals("segment_left")
            && SegmentNames.same(leftSegment, candidate.property("segment"));
      }
      return candidate.type().equals(event)
          && Correlation.sameSubject(candidate, trigger, correlateOn);
    }
  }

  /**
   * @param event the conversion event, e.g. {@code order_placed}
   * @param revenueProperty the event property holding the revenue, e.g. {@code total}
   * @param correlateOn when set, only an event about the same thing as the trigger (the same cart)
   *     counts
   */
  public record ConversionGoal(String event, String revenueProperty, String correlateOn) {

    /** Whether {@code candidate} is this goal reached, for a run triggered by {@code trigger}. */
    public boolean reachedBy(JourneyEvent candidate, JourneyEvent trigger) {
      return candidate.type().equals(event)
          && Correlation.sameSubject(candidate, trigger, correlateOn);
    }
  }
}
