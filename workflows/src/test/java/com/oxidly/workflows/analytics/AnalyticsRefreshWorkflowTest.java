package com.oxidly.workflows.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.segments.SegmentActivities;
import com.oxidly.workflows.segments.SegmentReevaluationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsRefreshWorkflowTest {

  private TestWorkflowEnvironment environment;
  private WorkflowClient client;
  private FakeScores scores;
  private FakeSegments segments;

  @BeforeEach
  void setUp() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(TaskQueues.MAINTENANCE);
    worker.registerWorkflowImplementationTypes(
        AnalyticsRefreshWorkflowImpl.class, SegmentReevaluationWorkflowImpl.class);
    scores = new FakeScores(250);
    segments = new FakeSegments(scores.customers);
    worker.registerActivitiesImplementations(scores, segments);
    environment.start();
    client = environment.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void scoresEveryCustomerOnceAndReportsWhatChanged() {
    RefreshResult result = onDemand().refresh(RefreshRequest.fresh(40));

    assertThat(result.scored()).isEqualTo(250);
    assertThat(result.changed()).isEqualTo(250);
    assertThat(scores.timesScored.values()).hasSize(250).containsOnly(1);
    assertThat(segments.timesEvaluated.values())
        .as("the segments that move with time and ranks follow the new scores, everyone once")
        .hasSize(250)
        .containsOnly(1);
    assertThat(segments.keys).containsOnly("(moving)");
    assertThat(scores.timesAssigned.values())
        .as("every customer is given a persona once, after scoring")
        .hasSize(250)
        .containsOnly(1);
    assertThat(scores.finished).containsExactly(101L);
    assertThat(scores.sentimentCalls)
        .as("texts are scored, then averages updated, each pass followed to its end")
        .containsExactly(
            "reviews@",
            "reviews@reviews-half",
            "interactions@",
            "interactions@interactions-half",
            "customers@",
            "customers@customers-half");

    RefreshResult again = onDemand().refresh(RefreshRequest.fresh(40));
    assertThat(again.scored()).isEqualTo(250);
    assertThat(again.changed()).as("a second run finds the same scores").isZero();
  }

  @Test
  void continuesAsNewWithoutLosingOrRepeatingCustomers() {
    // 250 pages of one customer: more than two runs' worth of pages.
    RefreshResult result = onDemand().refresh(RefreshRequest.fresh(1));

    assertThat(result.scored()).isEqualTo(250);
    assertThat(scores.timesScored.values()).hasSize(250).containsOnly(1);
    assertThat(scores.fits).as("fitted once, not again after continue-as-new").hasValue(1);
    assertThat(scores.personaFits)
        .as("personas fitted once, their assignment continued as new")
        .hasValue(1);
    assertThat(scores.timesAssigned.values()).hasSize(250).containsOnly(1);
    assertThat(scores.finished).containsExactly(101L);
    assertThat(segments.timesEvaluated.values()).hasSize(250).containsOnly(1);
  }

  @Test
  void theNightlyScheduleRunsOncePerNight() {
    AnalyticsRefreshWorkflow nightly =
        client.newWorkflowStub(
            AnalyticsRefreshWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.nightlyAnalyticsRefresh())
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .setCronSchedule("0 2 * * *")
                .build());
    WorkflowClient.start(nightly::refresh, RefreshRequest.fresh(100));

    environment.sleep(Duration.ofHours(24 * 3 + 1));

    assertThat(scores.runs.get()).isBetween(3, 4);
  }

  @Test
  void aRunWithTheSegmentStepReplaysDeterministically() throws Exception {
    onDemand().refresh(RefreshRequest.fresh(100));

    io.temporal.common.WorkflowExecutionHistory history =
        client.fetchHistory(WorkflowIds.onDemandAnalyticsRefresh());
    assertThat(history.getEvents())
        .anyMatch(io.temporal.api.history.v1.HistoryEvent::hasMarkerRecordedEventAttributes);
    io.temporal.testing.WorkflowReplayer.replayWorkflowExecution(
        history, AnalyticsRefreshWorkflowImpl.class);
  }

  @Test
  void rejectsAPageSizeOutOfRange() {
    assertThatThrownBy(() -> onDemand().refresh(RefreshRequest.fresh(0)))
        .hasStackTraceContaining("pageSize must be between 1 and 10000");
  }

  private AnalyticsRefreshWorkflow onDemand() {
    return client.newWorkflowStub(
        AnalyticsRefreshWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.onDemandAnalyticsRefresh())
            .setTaskQueue(TaskQueues.MAINTENANCE)
            .setWorkflowRunTimeout(Duration.ofMinutes(5))
            .build());
  }

  /** The next {@code pageSize} customers after {@code afterUuid} (null: from the first). */
  static List<String> pageAfter(List<String> customers, String afterUuid, int pageSize) {
    return customers.stream()
        .filter(c -> afterUuid == null || c.compareTo(afterUuid) > 0)
        .limit(pageSize)
        .toList();
  }

  /** Segment re-evaluation over the same customers, counting who was evaluated. */
  static final class FakeSegments implements SegmentActivities {
    final List<String> customers;
    final Map<String, Integer> timesEvaluated = new ConcurrentHashMap<>();
    final java.util.Set<String> keys = ConcurrentHashMap.newKeySet();

    FakeSegments(List<String> customers) {
      this.customers = customers;
    }

    @Override
    public EvaluatedPage reevaluatePage(String segmentKey, String afterUuid, int pageSize) {
      keys.add(segmentKey == null ? "(moving)" : segmentKey);
      if (afterUuid == null) {
        timesEvaluated.clear();
      }
      List<String> page = pageAfter(customers, afterUuid, pageSize);
      page.forEach(c -> timesEvaluated.merge(c, 1, Integer::sum));
      return new EvaluatedPage(
          page.size(), 0, 0, page.isEmpty() ? afterUuid : page.getLast(), page.size() < pageSize);
    }
  }

  /** Customers "c0000".."c0249" whose score only changes the first time they are scored. */
  static final class FakeScores implements AnalyticsActivities {
    final List<String> customers;
    final Map<String, Integer> timesScored = new ConcurrentHashMap<>();
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger fits = new AtomicInteger();

    FakeScores(int count) {
      customers = IntStream.range(0, count).mapToObj("c%04d"::formatted).toList();
    }

    final List<String> sentimentCalls =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public SentimentProgress scoreSentiment(String pass, String after) {
      sentimentCalls.add(pass + "@" + after);
      // Two calls per pass: the first hands back a cursor, as a time-boxed call does.
      return new SentimentProgress(1, after.isEmpty() ? pass + "-half" : null);
    }

    @Override
    public long countCustomers() {
      return customers.size();
    }

    @Override
    public Long fitLifetimeValue() {
      fits.incrementAndGet();
      return 7L;
    }

    @Override
    public ScoredPage scorePage(String afterUuid, int pageSize, Long lifetimeValueModel) {
      assertThat(lifetimeValueModel)
          .as("every page scores with the run's fitted model")
          .isEqualTo(7L);
      if (afterUuid == null) {
        // A refresh starts from the first customer.
        runs.incrementAndGet();
        timesScored.clear();
      }
      List<String> page = pageAfter(customers, afterUuid, pageSize);
      long changed = page.stream().filter(c -> !stored.contains(c)).count();
      stored.addAll(page);
      page.forEach(c -> timesScored.merge(c, 1, Integer::sum));
      return new ScoredPage(
          page.size(),
          changed,
          page.isEmpty() ? afterUuid : page.getLast(),
          page.size() < pageSize);
    }

    private final java.util.Set<String> stored = ConcurrentHashMap.newKeySet();

    final AtomicInteger personaFits = new AtomicInteger();
    final Map<String, Integer> timesAssigned = new ConcurrentHashMap<>();
    final List<Long> finished = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public Long fitPersonas() {
      assertThat(timesScored)
          .as("personas are fitted after everyone is scored")
          .hasSize(customers.size());
      return 100L + personaFits.incrementAndGet();
    }

    @Override
    public AssignedPage assignPersonas(long model, String afterUuid, int pageSize) {
      assertThat(model).isEqualTo(100L + personaFits.get());
      if (afterUuid == null) {
        timesAssigned.clear();
      }
      List<String> page = pageAfter(customers, afterUuid, pageSize);
      page.forEach(c -> timesAssigned.merge(c, 1, Integer::sum));
      return new AssignedPage(
          page.size(),
          page.size(),
          page.isEmpty() ? afterUuid : page.getLast(),
          page.size() < pageSize);
    }

    @Override
    public void finishPersonas(long model) {
      finished.add(model);
    }
  }
}
