package com.oxidly.workflows.journey;

import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyEvent;
import com.oxidly.domain.journey.JourneyJson;
import com.oxidly.domain.journey.JourneyProgram;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.workflows.ActivityRetries;
import com.oxidly.workflows.delivery.DeliveryActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets a published journey version for one customer, step by step. Steps are numbered as they
 * are taken; the number goes into every send key, so a message is sent at most once even when
 * activities are retried or a run is replayed. Runs continue as new long before their histories
 * grow large.
 */
public class JourneyWorkflowImpl implements JourneyWorkflow {

  /** History length after which a run continues as new (Temporal's hard limit is 51,200). */
  static final int CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

  /** Events kept for waits; older unused ones are dropped first. */
  static final int MOST_PENDING_EVENTS = 100;

  /** How long a new run waits for the signal carrying its trigger before giving up. */
  static final Duration TRIGGER_GRACE = Duration.ofMinutes(1);

  /** Quiet-hour deferrals in a row before a message is given up (it would be days late). */
  static final int MOST_DEFERRALS = 5;

  /** How long a holdout customer is watched for the goal when no goal step says otherwise. */
  static final Duration DEFAULT_GOAL_WINDOW = Duration.ofDays(7);

  private final JourneyActivities journeys =
      Workflow.newActivityStub(
          JourneyActivities.class, ActivityRetries.idempotent(Duration.ofSeconds(30), 0));

  private final DeliveryActivities delivery =
      Workflow.newActivityStub(
          DeliveryActivities.class, ActivityRetries.heartbeating(Duration.ofMinutes(1), 0));

  private final List<JourneyEvent> inbox = new ArrayList<>();
  private JourneyDefinition definition;
  private JourneyInput input;
  private String runKey;
  private int entry;
  private String timeZone = "UTC";
  private String currentStep;
  private int seq;
  private Map<String, Integer> loopPasses = new HashMap<>();
  private JourneyEvent trigger;
  private JourneyEvent goalEvent;
  private List<JourneyEvent> pending = new ArrayList<>();
  private long lastEventId;
  private String splitPath;
  private String exitReason;
  private String phase = "admitting";

  @Override
  public void run(JourneyInput input) {
    this.input = input;
    definition = JourneyJson.parse(journeys.loadDefinition(input.journeyId(), input.version()));
    JourneyProgram program = JourneyProgram.of(definition);
    if (input.continuation() == null) {
      if (!admit(program)) {
        return;
      }
    } else {
      resume(input.continuation());
    }
    absorbInbox();
    phase = "running";
    while (!ended(currentStep)) {
      if (exitReason != null) {
        phase = "exited";
        journeys.finish(runKey, false, exitReason, workflowTime());
        return;
      }
      if (Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER_EVENTS
          || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(
            new JourneyInput(
                input.journeyId(), input.version(), input.customerUuid(), continuation()));
      }
      JourneyProgram.Node node = program.node(currentStep);
      seq++;
      currentStep = execute(node);
    }
    phase = exitReason == null ? "completed" : "exited";
    journeys.finish(
        runKey, exitReason == null, exitReason == null ? "completed" : exitReason, workflowTime());
  }

  @Override
  public void onEvent(JourneyEvent event) {
    if (event.id() <= lastEventId) {
      return;
    }
    lastEventId = event.id();
    if (definition == null || trigger == null) {
      inbox.add(event);
    } else {
      take(event);
    }
  }

  @Override
  public JourneyPosition position() {
    return new JourneyPosition(phase, currentStep, entry, seq, splitPath);
  }

  private boolean admit(JourneyProgram program) {
    Workflow.await(TRIGGER_GRACE, () -> inbox.stream().anyMatch(this::isTrigger));
    JourneyEvent first = inbox.stream().filter(this::isTrigger).findFirst().orElse(null);
    if (first == null) {
      phase = "not_admitted";
      return false;
    }
    inbox.removeIf(e -> e.id() <= first.id());
    trigger = first;
    runKey = Workflow.getInfo().getRunId();
    JourneyActivities.Admission admission =
        journeys.admit(
            new JourneyActivities.AdmitRequest(
                runKey,
                Workflow.getInfo().getWorkflowId(),
                input.journeyId(),
                input.version(),
                input.customerUuid(),
                program.start(),
                workflowTime()));
    if (!admission.admitted()) {
      phase = "not_admitted:" + admission.refusal();
      return false;
    }
    entry = admission.entry();
    timeZone = admission.timeZone();
    currentStep = program.start();
    return true;
  }

  private boolean isTrigger(JourneyEvent event) {
    return definition.trigger().startedBy(event, input.journeyId());
  }

  private void resume(JourneyContinuation state) {
    runKey = state.runKey();
    entry = state.entry();
    timeZone = state.timeZone();
    currentStep = state.currentStep();
    seq = state.seq();
    loopPasses = new HashMap<>(state.loopPasses());
    trigger = state.trigger();
    goalEvent = state.goalEvent();
    pending = new ArrayList<>(state.pending());
    inbox.removeIf(e -> e.id() <= state.lastEventId());
    lastEventId = Math.max(lastEventId, state.lastEventId());
    splitPath = state.splitPath();
  }

  private JourneyContinuation continuation() {
    return new JourneyContinuation(
        runKey,
        entry,
        timeZone,
        currentStep,
        seq,
        Map.copyOf(loopPasses),
        trigger,
        goalEvent,
        List.copyOf(pending),
        lastEventId,
        splitPath);
  }

  private void absorbInbox() {
    List<JourneyEvent> early = List.copyOf(inbox);
    inbox.clear();
    early.forEach(this::take);
  }

  /** Files an event: it may end the run at once, reach the goal, or answer a wait later. */
  private void take(JourneyEvent event) {
    for (JourneyDefinition.ExitCriterion exit : definition.exitWhen()) {
      if (exitReason == null && exit.endedBy(event, trigger)) {
        exitReason = "exit_event:" + event.type();
      }
    }
    if (goalEvent == null
        && definition.goal() != null
        && definition.goal().reachedBy(event, trigger)) {
      goalEvent = event;
    }
    pending.add(event);
    if (pending.size() > MOST_PENDING_EVENTS) {
      pending.removeFirst();
    }
  }

  private String execute(JourneyProgram.Node node) {
    JourneyStep step = node.step();
    return switch (step) {
      case JourneyStep.Send send -> {
        String outcome = send(send);
        record(step, outcome, null, node.next());
        yield node.next();
      }
      case JourneyStep.Wait wait -> {
        Duration duration = waitDuration(wait);
        phase = "waiting";
        boolean exited = Workflow.await(duration, () -> exitReason != null);
        phase = "running";
        record(step, exited ? "interrupted" : "waited", duration.toString(), node.next());
        yield node.next();
      }
      case JourneyStep.WaitForEvent wait -> {
        phase = "waiting";
        Workflow.await(wait.timeout(), () -> exitReason != null || answer(wait) != null);
        phase = "running";
        JourneyEvent answer = answer(wait);
        if (answer != null) {
          pending.remove(answer);
          String next = node.paths().get(0);
          record(step, "event", answer.eventKey(), next);
          yield next;
        }
        String next = exitReason != null ? node.next() : node.paths().get(1);
        record(step, exitReason != null ? "interrupted" : "timed_out", null, next);
        yield next;
      }
      case JourneyStep.Branch branch -> {
        boolean yes =
            journeys.meetsBranchCondition(
                input.journeyId(), input.version(), branch.id(), input.customerUuid());
        String next = node.paths().get(yes ? 0 : 1);
        record(step, yes ? "then" : "otherwise", null, next);
        yield next;
      }
      case JourneyStep.Split split -> {
        int roll = split.bucket(input.journeyId() + ":" + input.customerUuid());
        int index = split.pathAt(roll);
        JourneyStep.SplitPath path = split.paths().get(index);
        splitPath = split.id() + ":" + path.name();
        record(step, "path:" + path.name(), "roll " + roll, node.paths().get(index));
        if (path.holdout()) {
          exitReason = watchGoal(holdoutWindow(), split.id()) ? "holdout:converted" : "holdout";
          yield JourneyProgram.END;
        }
        yield node.paths().get(index);
      }
      case JourneyStep.UpdateProfile update -> {
        journeys.updateProfile(
            input.customerUuid(), update.addTags(), update.removeTags(), update.attributes());
        record(step, "updated", null, node.next());
        yield node.next();
      }
      case JourneyStep.Webhook webhook -> {
        int status =
            journeys.callWebhook(
                input.journeyId(),
                input.version(),
                webhook.id(),
                input.customerUuid(),
                stepKey(webhook));
        record(step, "called", "HTTP " + status, node.next());
        yield node.next();
      }
      case JourneyStep.Goal goal -> {
        boolean converted = watchGoal(goal.within(), goal.id());
        record(step, converted ? "converted" : "not_converted", null, node.next());
        yield node.next();
      }
      case JourneyStep.Loop loop -> {
        int passes = loopPasses.getOrDefault(loop.id(), 0) + 1;
        if (passes > loop.times()) {
          loopPasses.remove(loop.id());
          record(step, "done", loop.times() + " passes", node.next());
          yield node.next();
        }
        loopPasses.put(loop.id(), passes);
        record(step, "pass", String.valueOf(passes), node.paths().get(0));
        yield node.paths().get(0);
      }
      case JourneyStep.Exit exit -> {
        record(step, "exit", null, null);
        yield JourneyProgram.END;
      }
    };
  }

  private String send(JourneyStep.Send send) {
    Map<String, String> variables = new LinkedHashMap<>(trigger.properties());
    variables.put("journey_name", definition.name());
    DeliveryRequest request =
        new DeliveryRequest(
            "journey:" + input.journeyId() + ":v" + input.version() + ":" + stepKey(send),
            "journey:" + input.journeyId() + ":v" + input.version(),
            send.id(),
            input.customerUuid(),
            send.channel(),
            send.messageClass(),
            send.template(),
            variables,
            workflowTime());
    for (int deferrals = 0; ; deferrals++) {
      DeliveryOutcome outcome = delivery.deliver(request);
      switch (outcome.status()) {
        case SENT -> {
          return "sent";
        }
        case SUPPRESSED -> {
          return "suppressed:" + outcome.reason();
        }
        case FAILED -> {
          return "failed:" + outcome.reason();
        }
        case DEFERRED -> {
          if (deferrals == MOST_DEFERRALS) {
            return "suppressed:deferred_too_often";
          }
          Duration delay = Duration.between(workflowTime(), outcome.retryAt());
          phase = "waiting";
          boolean exited = delay.isPositive() && Workflow.await(delay, () -> exitReason != null);
          phase = "running";
          if (exited) {
            return "suppressed:exited_while_deferred";
          }
          request =
              new DeliveryRequest(
                  request.sendKey(),
                  request.source(),
                  request.stepId(),
                  request.customerUuid(),
                  request.channel(),
                  request.messageClass(),
                  request.template(),
                  request.variables(),
                  workflowTime());
        }
      }
    }
  }

  /** Waits up to {@code within} for the goal; records the conversion once when it comes. */
  private boolean watchGoal(Duration within, String stepId) {
    if (definition.goal() == null) {
      return false;
    }
    if (goalEvent == null) {
      phase = "waiting";
      Workflow.await(within, () -> goalEvent != null || exitReason != null);
      phase = "running";
    }
    if (goalEvent == null) {
      return false;
    }
    BigDecimal revenue = revenue(goalEvent.property(definition.goal().revenueProperty()));
    journeys.recordConversion(
        runKey,
        definition.goal().event(),
        goalEvent.eventKey(),
        revenue,
        splitPath,
        workflowTime());
    return true;
  }

  private Duration holdoutWindow() {
    return JourneyProgram.of(definition).goalWindow().orElse(DEFAULT_GOAL_WINDOW);
  }

  private static BigDecimal revenue(String value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException notANumber) {
      return BigDecimal.ZERO;
    }
  }

  private JourneyEvent answer(JourneyStep.WaitForEvent wait) {
    for (JourneyEvent event : pending) {
      if (wait.isAnsweredBy(event, trigger)) {
        return event;
      }
    }
    return null;
  }

  private Duration waitDuration(JourneyStep.Wait wait) {
    Instant now = workflowTime();
    if (wait.duration() != null) {
      return wait.duration();
    }
    if (wait.untilDate() != null) {
      Duration left = Duration.between(now, wait.untilDate());
      return left.isNegative() ? Duration.ZERO : left;
    }
    ZonedDateTime local = now.atZone(zone());
    ZonedDateTime target = local.with(wait.untilLocalTime());
    if (!target.isAfter(local)) {
      target = target.plusDays(1).with(wait.untilLocalTime());
    }
    return Duration.between(local, target);
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException unknownZone) {
      return ZoneId.of("UTC");
    }
  }

  /** A key naming this pass over this step of this entry: the same on every replay. */
  private String stepKey(JourneyStep step) {
    return step.id() + ":" + input.customerUuid() + ":" + entry + "." + seq;
  }

  private void record(JourneyStep step, String outcome, String detail, String next) {
    journeys.recordStep(
        new JourneyActivities.StepRecord(
            runKey,
            seq,
            step.id(),
            step.typeName(),
            outcome,
            detail,
            ended(next) ? null : next,
            workflowTime()));
  }

  private static boolean ended(String step) {
    return step == null || step.equals(JourneyProgram.END);
  }

  private static Instant workflowTime() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
