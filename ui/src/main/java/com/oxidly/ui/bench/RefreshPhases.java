package com.oxidly.ui.bench;

import com.google.protobuf.Timestamp;
import com.oxidly.workflows.analytics.AnalyticsActivities;
import com.oxidly.workflows.segments.SegmentReevaluationWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phases of one finished analytics refresh and how long each took, read from the workflow's
 * Temporal histories (every run of its continue-as-new chain, in order) after it ended. Event times
 * are the server's, so the measurement costs the refresh nothing while it runs.
 *
 * <p>A phase starts when the workflow schedules its first activity (or, for the segments, starts
 * its child workflow) and lasts until the next phase starts; the first phase also covers the time
 * from the workflow's start, the last one the time to its completion. The phases therefore add up
 * to the workflow's whole time, workflow tasks and continue-as-new included. The count of customers
 * each continued run asks for first belongs to the phase it continues.
 */
final class RefreshPhases {

  /** The refresh's phases in the order the workflow runs them. */
  enum Phase {
    COUNTING("counting customers", "customers"),
    SENTIMENT_REVIEWS("sentiment: reviews", "texts scored"),
    SENTIMENT_INTERACTIONS("sentiment: interactions", "texts scored"),
    SENTIMENT_CUSTOMERS("sentiment: customer averages", "customers updated"),
    LIFETIME_VALUE_FIT("CLV fit", ""),
    SCORING("scoring pages (engagement + CLV)", "customers scored"),
    PERSONA_FIT("persona fit", ""),
    PERSONA_ASSIGNMENT("persona assignment", "customers assigned"),
    SEGMENTS("segment re-evaluation (child workflow)", "customers evaluated");

    final String label;

    /** What {@link Timing#items()} counts in this phase; empty when nothing. */
    final String items;

    Phase(String label, String items) {
      this.label = label;
      this.items = items;
    }
  }

  /**
   * One phase of the refresh.
   *
   * @param calls activities scheduled (or child workflows started) in the phase
   * @param items what the phase's results count (see {@link Phase#items})
   * @param changed stored values the phase changed (customers whose scores or persona changed,
   *     memberships gained and lost); for the sentiment passes the same as items
   */
  record Timing(Phase phase, int calls, long items, long changed, Duration duration) {}

  private final Map<Phase, Duration> durations = new EnumMap<>(Phase.class);
  private final Map<Phase, long[]> counts = new EnumMap<>(Phase.class);
  private Instant start;
  private Instant end;
  private Long customers;
  private Long lifetimeValueModel;
  private Long personaModel;
  private long activityRetries;

  private RefreshPhases() {}

  /**
   * Reads the events of every run of one refresh, in order.
   *
   * @throws IllegalStateException when the refresh did not complete (failed, timed out, terminated,
   *     still running) or when its history is not one of an analytics refresh
   */
  static RefreshPhases of(List<HistoryEvent> events, DataConverter converter) {
    RefreshPhases phases = new RefreshPhases();
    phases.readEvents(events, converter);
    return phases;
  }

  private void readEvents(List<HistoryEvent> events, DataConverter converter) {
    Map<Long, Phase> scheduled = new HashMap<>();
    Phase current = null;
    Instant since = null;
    for (HistoryEvent event : events) {
      Instant time = instant(event.getEventTime());
      Phase mark = null;
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          // Event ids start again in each run of the chain.
          scheduled.clear();
          if (start == null) {
            start = time;
            since = time;
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var attributes = event.getActivityTaskScheduledEventAttributes();
          Phase phase =
              phaseOf(attributes.getActivityType().getName(), attributes.getInput(), converter);
          scheduled.put(event.getEventId(), phase);
          // A continued run counts customers again first: part of the phase it continues.
          if (phase != Phase.COUNTING || current == null) {
            count(phase, 1, 0, 0);
            mark = phase;
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            activityRetries +=
                Math.max(0, event.getActivityTaskStartedEventAttributes().getAttempt() - 1);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var attributes = event.getActivityTaskCompletedEventAttributes();
          Phase phase = scheduled.get(attributes.getScheduledEventId());
          if (phase == null) {
            throw new IllegalStateException(
                "activity completed without being scheduled in this run: event "
                    + event.getEventId());
          }
          result(phase, attributes.getResult(), converter);
        }
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
          count(Phase.SEGMENTS, 1, 0, 0);
          mark = Phase.SEGMENTS;
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
          var outcome =
              read(
                  converter,
                  Optional.of(
                      event.getChildWorkflowExecutionCompletedEventAttributes().getResult()),
                  SegmentReevaluationWorkflow.ReevaluationResult.class);
          count(Phase.SEGMENTS, 0, outcome.evaluated(), outcome.entered() + outcome.left());
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> end = time;
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
            EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
            EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
            EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
            throw new IllegalStateException("the refresh did not succeed: " + event);
        default -> {
          // workflow tasks, markers (versions), continue-as-new: time of the current phase
        }
      }
      if (mark != null && mark != current) {
        if (since == null) {
          throw new IllegalStateException("the refresh's history does not start with its start");
        }
        // The time from the workflow's start to its first activity belongs to the first phase.
        if (current != null) {
          durations.merge(current, Duration.between(since, time), Duration::plus);
          since = time;
        }
        current = mark;
      }
    }
    if (start == null || end == null) {
      throw new IllegalStateException(
          "the refresh's history has no "
              + (start == null ? "start" : "completion")
              + " ("
              + events.size()
              + " events)");
    }
    if (current != null) {
      durations.merge(current, Duration.between(since, end), Duration::plus);
    }
  }

  private static Phase phaseOf(String activityType, Payloads input, DataConverter converter) {
    return switch (activityType) {
      case "AnalyticsCountCustomers" -> Phase.COUNTING;
      case "AnalyticsScoreSentiment" -> {
        String pass = converter.fromPayloads(0, Optional.of(input), String.class, String.class);
        yield switch (pass) {
          case "reviews" -> Phase.SENTIMENT_REVIEWS;
          case "interactions" -> Phase.SENTIMENT_INTERACTIONS;
          case "customers" -> Phase.SENTIMENT_CUSTOMERS;
          default -> throw new IllegalStateException("unknown sentiment pass " + pass);
        };
      }
      case "AnalyticsFitLifetimeValue" -> Phase.LIFETIME_VALUE_FIT;
      case "AnalyticsScorePage" -> Phase.SCORING;
      case "AnalyticsFitPersonas" -> Phase.PERSONA_FIT;
      case "AnalyticsAssignPersonas", "AnalyticsFinishPersonas" -> Phase.PERSONA_ASSIGNMENT;
      default -> throw new IllegalStateException("unexpected activity " + activityType);
    };
  }

  private void result(Phase phase, Payloads result, DataConverter converter) {
    Optional<Payloads> payloads = Optional.of(result);
    switch (phase) {
      case COUNTING -> {
        if (customers == null) {
          customers = read(converter, payloads, Long.class);
          count(phase, 0, customers, 0);
        }
      }
      case SENTIMENT_REVIEWS, SENTIMENT_INTERACTIONS, SENTIMENT_CUSTOMERS -> {
        int changed =
            read(converter, payloads, AnalyticsActivities.SentimentProgress.class).changed();
        count(phase, 0, changed, changed);
      }
      case LIFETIME_VALUE_FIT -> lifetimeValueModel = read(converter, payloads, Long.class);
      case SCORING -> {
        var page = read(converter, payloads, AnalyticsActivities.ScoredPage.class);
        count(phase, 0, page.scored(), page.changed());
      }
      case PERSONA_FIT -> personaModel = read(converter, payloads, Long.class);
      case PERSONA_ASSIGNMENT -> {
        // finishPersonas returns nothing: no payload.
        if (result.getPayloadsCount() > 0) {
          var page = read(converter, payloads, AnalyticsActivities.AssignedPage.class);
          count(phase, 0, page.assigned(), page.changed());
        }
      }
      case SEGMENTS -> throw new IllegalStateException("segments run in a child workflow");
    }
  }

  private static <T> T read(DataConverter converter, Optional<Payloads> payloads, Class<T> type) {
    return payloads.get().getPayloadsCount() == 0
        ? null
        : converter.fromPayloads(0, payloads, type, type);
  }

  private void count(Phase phase, int calls, long items, long changed) {
    long[] sums = counts.computeIfAbsent(phase, p -> new long[3]);
    sums[0] += calls;
    sums[1] += items;
    sums[2] += changed;
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /** The phases that ran, in order. */
  List<Timing> timings() {
    return durations.keySet().stream()
        .map(
            phase -> {
              long[] sums = counts.getOrDefault(phase, new long[3]);
              return new Timing(phase, (int) sums[0], sums[1], sums[2], durations.get(phase));
            })
        .toList();
  }

  /** The phase's timing; a zero timing when it did not run. */
  Timing timing(Phase phase) {
    return timings().stream()
        .filter(t -> t.phase() == phase)
        .findFirst()
        .orElse(new Timing(phase, 0, 0, 0, Duration.ZERO));
  }

  /** From the first run's start to the last run's completion, as the server recorded them. */
  Duration total() {
    return Duration.between(start, end);
  }

  /** The lifetime-value model the refresh fitted; null when it could not fit (or did not try). */
  Long lifetimeValueModel() {
    return lifetimeValueModel;
  }

  /** The persona model the refresh fitted; null when it could not fit (or did not try). */
  Long personaModel() {
    return personaModel;
  }

  /** Activity attempts beyond the first, over the whole refresh. */
  long activityRetries() {
    return activityRetries;
  }
}
