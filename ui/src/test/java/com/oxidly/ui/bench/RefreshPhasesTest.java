package com.oxidly.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Timestamp;
import com.oxidly.ui.bench.RefreshPhases.Phase;
import com.oxidly.workflows.analytics.AnalyticsActivities.AssignedPage;
import com.oxidly.workflows.analytics.AnalyticsActivities.ScoredPage;
import com.oxidly.workflows.analytics.AnalyticsActivities.SentimentProgress;
import com.oxidly.workflows.segments.SegmentReevaluationWorkflow.ReevaluationResult;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phase timings of an analytics refresh read from the histories of its continue-as-new chain. */
class RefreshPhasesTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  /** Builds the events of one or more runs; times are seconds after the first start. */
  private static final class History {
    final List<HistoryEvent> events = new ArrayList<>();
    long nextId;

    History started(double at) {
      nextId = 1;
      return add(at, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, HistoryEvent.newBuilder());
    }

    /** An activity scheduled at {@code at} and completed a moment later with {@code result}. */
    History activity(double at, String type, Object result, Object... input) {
      return retried(at, type, 1, result, input);
    }

    /** An activity that completed on attempt {@code attempt}. */
    History retried(double at, String type, int attempt, Object result, Object... input) {
      long scheduled = nextId;
      var scheduling =
          ActivityTaskScheduledEventAttributes.newBuilder()
              .setActivityType(ActivityType.newBuilder().setName(type));
      CONVERTER.toPayloads(input).ifPresent(scheduling::setInput);
      add(
          at,
          EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
          HistoryEvent.newBuilder().setActivityTaskScheduledEventAttributes(scheduling));
      add(
          at + 0.01,
          EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
          HistoryEvent.newBuilder()
              .setActivityTaskStartedEventAttributes(
                  ActivityTaskStartedEventAttributes.newBuilder()
                      .setScheduledEventId(scheduled)
                      .setAttempt(attempt)));
      var completion =
          ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduled);
      if (result != null) {
        completion.setResult(payloads(result));
      }
      return add(
          at + 0.02,
          EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
          HistoryEvent.newBuilder().setActivityTaskCompletedEventAttributes(completion));
    }

    History segments(double at, double completedAt, ReevaluationResult result) {
      add(
          at,
          EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
          HistoryEvent.newBuilder());
      return add(
          completedAt,
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
          HistoryEvent.newBuilder()
              .setChildWorkflowExecutionCompletedEventAttributes(
                  ChildWorkflowExecutionCompletedEventAttributes.newBuilder()
                      .setResult(payloads(result))));
    }

    History add(double at, EventType type, HistoryEvent.Builder event) {
      long nanos = Math.round(at * 1e9);
      events.add(
          event
              .setEventId(nextId++)
              .setEventType(type)
              .setEventTime(
                  Timestamp.newBuilder()
                      .setSeconds(1_790_000_000L + nanos / 1_000_000_000L)
                      .setNanos((int) (nanos % 1_000_000_000L)))
              .build());
      return this;
    }

    private static Payloads payloads(Object value) {
      return CONVERTER.toPayloads(value).orElseThrow();
    }
  }

  /** A refresh of 3 customers in pages of 2 that continued as new after its first page. */
  private static History twoRuns() {
    return new History()
        .started(0)
        .activity(0.5, "AnalyticsCountCustomers", 3L)
        .activity(1, "AnalyticsScoreSentiment", new SentimentProgress(2, null), "reviews", "")
        .activity(3, "AnalyticsScoreSentiment", new SentimentProgress(1, null), "interactions", "")
        .activity(4, "AnalyticsScoreSentiment", new SentimentProgress(3, null), "customers", "")
        .activity(6, "AnalyticsFitLifetimeValue", 7L)
        .activity(10, "AnalyticsScorePage", new ScoredPage(2, 1, "b", false), null, 2, 7L)
        .add(
            11, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, HistoryEvent.newBuilder())
        .started(11)
        .activity(11.5, "AnalyticsCountCustomers", 3L)
        .activity(12, "AnalyticsScorePage", new ScoredPage(1, 1, "c", true), "b", 2, 7L)
        .activity(14, "AnalyticsFitPersonas", 11L)
        .retried(15, "AnalyticsAssignPersonas", 2, new AssignedPage(3, 2, "c", true), 11L, null, 2)
        .activity(16, "AnalyticsFinishPersonas", null, 11L)
        .segments(17, 19, new ReevaluationResult(3, 1, 0))
        .add(20, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, HistoryEvent.newBuilder());
  }

  @Test
  void eachPhaseLastsFromItsFirstActivityToTheNextPhaseAndTheyAddUpToTheWhole() {
    RefreshPhases phases = RefreshPhases.of(twoRuns().events, CONVERTER);

    assertThat(phases.timings())
        .extracting(RefreshPhases.Timing::phase, RefreshPhases.Timing::duration)
        .containsExactly(
            tuple(Phase.COUNTING, seconds(1)),
            tuple(Phase.SENTIMENT_REVIEWS, seconds(2)),
            tuple(Phase.SENTIMENT_INTERACTIONS, seconds(1)),
            tuple(Phase.SENTIMENT_CUSTOMERS, seconds(2)),
            tuple(Phase.LIFETIME_VALUE_FIT, seconds(4)),
            // The continue-as-new and the continued run's count belong to the scoring.
            tuple(Phase.SCORING, seconds(4)),
            tuple(Phase.PERSONA_FIT, seconds(1)),
            tuple(Phase.PERSONA_ASSIGNMENT, seconds(2)),
            tuple(Phase.SEGMENTS, seconds(3)));
    assertThat(phases.total()).isEqualTo(seconds(20));
  }

  @Test
  void countsWhatEachPhaseDidFromTheActivityResults() {
    RefreshPhases phases = RefreshPhases.of(twoRuns().events, CONVERTER);

    assertThat(phases.timing(Phase.COUNTING)).extracting("calls", "items").containsExactly(1, 3L);
    assertThat(phases.timing(Phase.SENTIMENT_REVIEWS).items()).isEqualTo(2);
    assertThat(phases.timing(Phase.SENTIMENT_CUSTOMERS).changed()).isEqualTo(3);
    assertThat(phases.timing(Phase.SCORING))
        .extracting("calls", "items", "changed")
        .containsExactly(2, 3L, 2L);
    assertThat(phases.timing(Phase.PERSONA_ASSIGNMENT))
        .extracting("calls", "items", "changed")
        .containsExactly(2, 3L, 2L);
    assertThat(phases.timing(Phase.SEGMENTS))
        .extracting("calls", "items", "changed")
        .containsExactly(1, 3L, 1L);
    assertThat(phases.lifetimeValueModel()).isEqualTo(7L);
    assertThat(phases.personaModel()).isEqualTo(11L);
    assertThat(phases.activityRetries()).isEqualTo(1);
  }

  @Test
  void aRefreshThatDidNotCompleteIsRefused() {
    History failed =
        new History()
            .started(0)
            .activity(0.5, "AnalyticsCountCustomers", 3L)
            .add(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, HistoryEvent.newBuilder());
    History running = new History().started(0).activity(0.5, "AnalyticsCountCustomers", 3L);

    assertThatThrownBy(() -> RefreshPhases.of(failed.events, CONVERTER))
        .hasMessageContaining("did not succeed");
    assertThatThrownBy(() -> RefreshPhases.of(running.events, CONVERTER))
        .hasMessageContaining("no completion");
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
