package com.oxidly.domain.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What makes a customer enter a journey. Every trigger is matched against stored events. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = JourneyTrigger.OnEvent.class, name = "event"),
  @JsonSubTypes.Type(value = JourneyTrigger.OnSegmentEntered.class, name = "segment_entered"),
  @JsonSubTypes.Type(value = JourneyTrigger.OnDate.class, name = "date"),
  @JsonSubTypes.Type(value = JourneyTrigger.Manual.class, name = "manual")
})
public sealed interface JourneyTrigger {

  /** The event type a segment change is stored as. */
  String SEGMENT_ENTERED = "segment_entered";

  /** The event type a date attribute coming round is stored as (property {@code attribute}). */
  String DATE_REACHED = "date_reached";

  /** The event type a manual or API enrolment is stored as (property {@code journey_id}). */
  String ENROLLED = "journey_enrolled";

  /** Whether {@code event} starts this journey (whose id is {@code journeyId}). */
  boolean startedBy(JourneyEvent event, long journeyId);

  /** An event of a type, optionally with property conditions (all must hold). */
  record OnEvent(String event, List<PropertyCondition> where) implements JourneyTrigger {
    public OnEvent {
      where = where == null ? List.of() : List.copyOf(where);
    }

    @Override
    public boolean startedBy(JourneyEvent candidate, long journeyId) {
      return candidate.type().equals(event) && where.stream().allMatch(c -> c.holdsFor(candidate));
    }
  }

  /** Entering a named segment. */
  record OnSegmentEntered(String segment) implements JourneyTrigger {
    @Override
    public boolean startedBy(JourneyEvent candidate, long journeyId) {
      return candidate.type().equals(SEGMENT_ENTERED)
          && SegmentNames.same(segment, candidate.property("segment"));
    }
  }

  /** A date attribute coming round: the signup anniversary or the birthday month. */
  record OnDate(DateAttribute attribute) implements JourneyTrigger {
    @Override
    public boolean startedBy(JourneyEvent candidate, long journeyId) {
      return candidate.type().equals(DATE_REACHED)
          && attribute.key().equals(candidate.property("attribute"));
    }
  }

  /** Enrolment by hand in the UI or through the API. */
  record Manual() implements JourneyTrigger {
    @Override
    public boolean startedBy(JourneyEvent candidate, long journeyId) {
      return candidate.type().equals(ENROLLED)
          && String.valueOf(journeyId).equals(candidate.property("journey_id"));
    }
  }

  enum DateAttribute {
    @JsonProperty("signup_anniversary")
    SIGNUP_ANNIVERSARY,
    @JsonProperty("birthday_month")
    BIRTHDAY_MONTH;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
