package com.oxidly.domain.journey;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.query.CustomerQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One card of a journey. Steps that hold other steps (wait for event, branch, split, loop) form the
 * tree the builder draws: branches side by side, each a list of steps run top to bottom. Every step
 * has an id unique in its journey: it names the step in send keys, run histories and statistics, so
 * it must survive edits (the builder keeps it when a card moves).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = JourneyStep.Send.class, name = "send"),
  @JsonSubTypes.Type(value = JourneyStep.Wait.class, name = "wait"),
  @JsonSubTypes.Type(value = JourneyStep.WaitForEvent.class, name = "wait_for_event"),
  @JsonSubTypes.Type(value = JourneyStep.Branch.class, name = "branch"),
  @JsonSubTypes.Type(value = JourneyStep.Split.class, name = "split"),
  @JsonSubTypes.Type(value = JourneyStep.UpdateProfile.class, name = "update_profile"),
  @JsonSubTypes.Type(value = JourneyStep.Webhook.class, name = "webhook"),
  @JsonSubTypes.Type(value = JourneyStep.Goal.class, name = "goal"),
  @JsonSubTypes.Type(value = JourneyStep.Loop.class, name = "loop"),
  @JsonSubTypes.Type(value = JourneyStep.Exit.class, name = "exit")
})
public sealed interface JourneyStep {

  String id();

  /** The type name used in JSON, run histories and statistics. */
  default String typeName() {
    return getClass().getAnnotation(StepType.class) == null
        ? getClass().getSimpleName()
        : getClass().getAnnotation(StepType.class).value();
  }

  /** Sends a message on a channel through the central delivery rules. */
  @StepType("send")
  record Send(String id, Channel channel, MessageClass messageClass, MessageTemplate template)
      implements JourneyStep {
    public Send {
      messageClass = messageClass == null ? MessageClass.MARKETING : messageClass;
    }
  }

  /**
   * Waits: for a duration, until the next time of day in the customer's time zone, or until a date.
   * Exactly one of the three is set.
   */
  @StepType("wait")
  record Wait(String id, Duration duration, LocalTime untilLocalTime, Instant untilDate)
      implements JourneyStep {}

  /**
   * Waits for an event, up to a timeout. With {@code correlateOn}, only an event whose property of
   * that name equals the triggering event's (the same cart id) counts.
   */
  @StepType("wait_for_event")
  record WaitForEvent(
      String id,
      String event,
      String correlateOn,
      Duration timeout,
      List<JourneyStep> onEvent,
      List<JourneyStep> onTimeout)
      implements JourneyStep {
    public WaitForEvent {
      onEvent = copy(onEvent);
      onTimeout = copy(onTimeout);
    }

    /** Whether {@code candidate} is the awaited event for a run triggered by {@code trigger}. */
    public boolean isAnsweredBy(JourneyEvent candidate, JourneyEvent trigger) {
      return candidate.type().equals(event)
          && Correlation.sameSubject(candidate, trigger, correlateOn);
    }
  }

  /** Goes one way or the other on a customer-query condition, judged when reached. */
  @StepType("branch")
  record Branch(
      String id, CustomerQuery condition, List<JourneyStep> then, List<JourneyStep> otherwise)
      implements JourneyStep {
    public Branch {
      then = copy(then);
      otherwise = copy(otherwise);
    }
  }

  /**
   * A random split (A/B/n): each customer takes one path with its percentage. A holdout path has no
   * steps; its customers only wait for the journey's goal, so conversions can be compared.
   */
  @StepType("split")
  record Split(String id, List<SplitPath> paths) implements JourneyStep {
    public Split {
      paths = copy(paths);
    }

    /**
     * The bucket 0-99 of a subject (journey and customer) in this split: the same customer always
     * lands in the same bucket, across re-entries and versions, so experiments stay clean.
     */
    public int bucket(String subject) {
      UUID hash = UUID.nameUUIDFromBytes((id + "|" + subject).getBytes(StandardCharsets.UTF_8));
      return (int) Math.floorMod(hash.getLeastSignificantBits(), 100L);
    }

    /** The index of the path a bucket falls into, by the paths' percentages in order. */
    public int pathAt(int bucket) {
      int upTo = 0;
      for (int i = 0; i < paths.size(); i++) {
        upTo += paths.get(i).percent();
        if (bucket < upTo) {
          return i;
        }
      }
      return paths.size() - 1;
    }
  }

  record SplitPath(String name, int percent, boolean holdout, List<JourneyStep> steps) {
    public SplitPath {
      steps = copy(steps);
    }
  }

  /** Adds and removes tags and sets custom attributes on the profile. */
  @StepType("update_profile")
  record UpdateProfile(
      String id, List<String> addTags, List<String> removeTags, Map<String, String> attributes)
      implements JourneyStep {
    public UpdateProfile {
      addTags = copy(addTags);
      removeTags = copy(removeTags);
      attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
  }

  /**
   * Calls an HTTP endpoint with a JSON body about the customer and the journey; the request carries
   * an {@code Idempotency-Key} header so a retried call can be recognised.
   */
  @StepType("webhook")
  record Webhook(String id, String url, Map<String, String> headers) implements JourneyStep {
    public Webhook {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  /**
   * Counts a conversion: if the journey's goal event has happened since entry, or happens within
   * {@code within}, it is recorded once with its revenue; the journey then goes on.
   */
  @StepType("goal")
  record Goal(String id, Duration within) implements JourneyStep {}

  /** Runs its steps again, at most {@code times} passes in all: journeys cannot loop forever. */
  @StepType("loop")
  record Loop(String id, int times, List<JourneyStep> steps) implements JourneyStep {
    public Loop {
      steps = copy(steps);
    }
  }

  /** Leaves the journey. */
  @StepType("exit")
  record Exit(String id) implements JourneyStep {}

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
