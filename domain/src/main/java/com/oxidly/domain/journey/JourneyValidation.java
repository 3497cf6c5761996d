package com.oxidly.domain.journey;

import com.oxidly.domain.journey.JourneyDefinition.ReEntry.Policy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything that makes a journey unfit to publish, each named with its step. Drafts may be
 * invalid; published versions never are.
 */
public final class JourneyValidation {

  private static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
  private static final Duration LONGEST_WAIT = Duration.ofDays(366);
  private static final int MOST_LOOP_PASSES = 100;

  private final MessageCheck messages;
  private final List<JourneyProblem> problems = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private JourneyDefinition definition;

  private JourneyValidation(MessageCheck messages) {
    this.messages = messages;
  }

  /** The problems of {@code definition}; empty when it can be published. */
  public static List<JourneyProblem> problems(JourneyDefinition definition, MessageCheck messages) {
    JourneyValidation validation = new JourneyValidation(messages);
    validation.check(definition);
    return List.copyOf(validation.problems);
  }

  private void check(JourneyDefinition journey) {
    this.definition = journey;
    if (blank(journey.name())) {
      journey(null, "name is required");
    }
    checkTrigger(journey.trigger());
    if (journey.reEntry().policy() == null) {
      journey(null, "reEntry.policy must be never, after or always");
    } else if (journey.reEntry().policy() == Policy.AFTER && !positive(journey.reEntry().after())) {
      journey(null, "reEntry.after must be a positive duration when the policy is after");
    }
    for (var exit : journey.exitWhen()) {
      if (blank(exit.event()) == blank(exit.leftSegment())) {
        journey(null, "each exit criterion needs exactly one of event and leftSegment");
      } else if (!blank(exit.event()) && !EVENT_TYPE.matcher(exit.event()).matches()) {
        journey(null, "exit event '" + exit.event() + "' is not a valid event type");
      }
    }
    if (journey.goal() != null && blank(journey.goal().event())) {
      journey(null, "goal.event is required when a goal is set");
    }
    if (journey.steps().isEmpty()) {
      journey(null, "a journey needs at least one step");
    }
    checkSteps(journey.steps(), false);
  }

  private void checkTrigger(JourneyTrigger trigger) {
    switch (trigger) {
      case null -> journey(null, "trigger is required");
      case JourneyTrigger.OnEvent onEvent -> {
        if (blank(onEvent.event()) || !EVENT_TYPE.matcher(onEvent.event()).matches()) {
          journey(null, "trigger.event must be an event type like cart_updated");
        }
        for (var condition : onEvent.where()) {
          if (blank(condition.property()) || condition.op() == null) {
            journey(null, "each trigger condition needs a property and an op");
          } else if (condition.op() != PropertyCondition.Op.EXISTS && condition.value() == null) {
            journey(null, "trigger condition on " + condition.property() + " needs a value");
          }
        }
      }
      case JourneyTrigger.OnSegmentEntered segment -> {
        if (blank(segment.segment())) {
          journey(null, "trigger.segment is required");
        }
      }
      case JourneyTrigger.OnDate date -> {
        if (date.attribute() == null) {
          journey(null, "trigger.attribute must be signup_anniversary or birthday_month");
        }
      }
      case JourneyTrigger.Manual manual -> {}
    }
  }

  private void checkSteps(List<JourneyStep> steps, boolean inLoop) {
    for (JourneyStep step : steps) {
      if (step == null) {
        journey(null, "a step is empty");
        continue;
      }
      if (blank(step.id()) || !STEP_ID.matcher(step.id()).matches()) {
        step(step, "id must be 1-64 lower-case letters, digits, - or _");
      } else if (!ids.add(step.id())) {
        step(step, "id is used by another step");
      }
      checkStep(step, inLoop);
    }
  }

  private void checkStep(JourneyStep step, boolean inLoop) {
    switch (step) {
      case JourneyStep.Send send -> {
        if (send.channel() == null) {
          step(step, "channel is required (email, sms, push or in_app)");
        } else if (send.template() == null) {
          step(step, "template is required");
        } else {
          messages.problems(send.channel(), send.template()).forEach(p -> step(step, p));
        }
      }
      case JourneyStep.Wait wait -> {
        int set =
            (wait.duration() == null ? 0 : 1)
                + (wait.untilLocalTime() == null ? 0 : 1)
                + (wait.untilDate() == null ? 0 : 1);
        if (set != 1) {
          step(step, "set exactly one of duration, untilLocalTime and untilDate");
        } else if (wait.duration() != null && !withinLimits(wait.duration())) {
          step(step, "duration must be positive and at most 366 days");
        }
      }
      case JourneyStep.WaitForEvent wait -> {
        if (blank(wait.event()) || !EVENT_TYPE.matcher(wait.event()).matches()) {
          step(step, "event must be an event type like order_placed");
        }
        if (!withinLimits(wait.timeout())) {
          step(step, "timeout must be positive and at most 366 days");
        }
        if (!blank(wait.correlateOn())
            && !(definition.trigger() instanceof JourneyTrigger.OnEvent)) {
          step(step, "correlateOn needs an event trigger to take the value from");
        }
        checkSteps(wait.onEvent(), inLoop);
        checkSteps(wait.onTimeout(), inLoop);
      }
      case JourneyStep.Branch branch -> {
        if (branch.condition() == null) {
          step(step, "condition is required");
        }
        checkSteps(branch.then(), inLoop);
        checkSteps(branch.otherwise(), inLoop);
      }
      case JourneyStep.Split split -> checkSplit(split, inLoop);
      case JourneyStep.UpdateProfile update -> {
        if (update.addTags().isEmpty()
            && update.removeTags().isEmpty()
            && update.attributes().isEmpty()) {
          step(step, "add or remove a tag or set an attribute");
        }
      }
      case JourneyStep.Webhook webhook -> {
        if (!httpUrl(webhook.url())) {
          step(step, "url must be an absolute http or https URL");
        }
      }
      case JourneyStep.Goal goal -> {
        if (definition.goal() == null) {
          step(step, "a goal step needs the journey's goal (event and revenue property)");
        }
        if (!withinLimits(goal.within())) {
          step(step, "within must be positive and at most 366 days");
        }
      }
      case JourneyStep.Loop loop -> {
        if (loop.times() < 1 || loop.times() > MOST_LOOP_PASSES) {
          step(step, "times must be between 1 and " + MOST_LOOP_PASSES);
        }
        if (loop.steps().isEmpty()) {
          step(step, "a loop needs steps");
        } else if (!waitsSomewhere(loop.steps())) {
          step(step, "a loop needs a wait inside, or it would send in a burst");
        }
        checkSteps(loop.steps(), true);
      }
      case JourneyStep.Exit exit -> {}
    }
  }

  private void checkSplit(JourneyStep.Split split, boolean inLoop) {
    if (split.paths().size() < 2) {
      step(split, "a split needs at least two paths");
    }
    int total = 0;
    Set<String> names = new HashSet<>();
    for (var path : split.paths()) {
      total += path.percent();
      if (blank(path.name()) || !names.add(path.name())) {
        step(split, "each path needs a name of its own");
      }
      if (path.percent() < 0 || path.percent() > 100) {
        step(split, "path " + path.name() + ": percent must be between 0 and 100");
      }
      if (path.holdout() && !path.steps().isEmpty()) {
        step(split, "holdout path " + path.name() + " must have no steps");
      }
      if (path.holdout() && definition.goal() == null) {
        step(split, "a holdout group needs the journey's goal to compare conversions");
      }
      checkSteps(path.steps(), inLoop);
    }
    if (total != 100) {
      step(split, "percentages must add up to 100 (they add up to " + total + ")");
    }
  }

  private static boolean waitsSomewhere(List<JourneyStep> steps) {
    for (JourneyStep step : steps) {
      boolean waits =
          switch (step) {
            case JourneyStep.Wait wait -> true;
            case JourneyStep.WaitForEvent wait -> true;
            case JourneyStep.Goal goal -> true;
            case JourneyStep.Branch branch ->
                waitsSomewhere(branch.then()) && waitsSomewhere(branch.otherwise());
            case JourneyStep.Split split ->
                split.paths().stream().allMatch(p -> p.holdout() || waitsSomewhere(p.steps()));
            case JourneyStep.Loop loop -> waitsSomewhere(loop.steps());
            default -> false;
          };
      if (waits) {
        return true;
      }
    }
    return false;
  }

  private static boolean httpUrl(String url) {
    if (blank(url)) {
      return false;
    }
    try {
      URI uri = URI.create(url.trim());
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static boolean withinLimits(Duration duration) {
    return positive(duration) && duration.compareTo(LONGEST_WAIT) <= 0;
  }

  private static boolean positive(Duration duration) {
    return duration != null && duration.isPositive();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private void journey(String stepId, String message) {
    problems.add(new JourneyProblem(stepId, message));
  }

  private void step(JourneyStep step, String message) {
    problems.add(new JourneyProblem(step.id(), message));
  }
}
