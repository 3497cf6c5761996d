package com.oxidly.workflows.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.workflows.RecordedHistories;
import com.oxidly.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

/**
 * Histories recorded from earlier versions of the workflow must replay on the current code; a
 * change that breaks them needs Workflow.getVersion. Record a new history with {@code
 * -Doxidly.record-histories=true} when a new version ships.
 */
class CustomerReindexReplayTest {

  private static final String PAUSED_AND_RESUMED_V1 = "/histories/customer-reindex-paused-v1.json";

  @Test
  void recordedHistoriesReplayOnTheCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        RecordedHistories.read(PAUSED_AND_RESUMED_V1), CustomerReindexWorkflowImpl.class);
  }

  @Test
  void aChangedCommandSequenceIsDetected() throws Exception {
    // The same history against a workflow that schedules different activities must fail:
    // proof that the replay test can fail.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    RecordedHistories.read(PAUSED_AND_RESUMED_V1), ReorderedReindexWorkflow.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void recordWhenAsked() throws Exception {
    if (!RecordedHistories.recording()) {
      return;
    }
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Worker worker = environment.newWorker(TaskQueues.MAINTENANCE);
      worker.registerWorkflowImplementationTypes(CustomerReindexWorkflowImpl.class);
      worker.registerActivitiesImplementations(new CustomerReindexWorkflowTest.FakeIndex(30));
      environment.start();
      WorkflowClient client = environment.getWorkflowClient();
      WorkflowStub stub = CustomerReindexWorkflowTest.startPaused(client, ReindexRequest.fresh(10));
      environment.sleep(java.time.Duration.ofSeconds(1));
      stub.signal("resume");
      ReindexResult result = stub.getResult(ReindexResult.class);
      assertThat(result.indexed()).isEqualTo(30);
      WorkflowExecutionHistory history = client.fetchHistory("reindex:customers");
      RecordedHistories.write(PAUSED_AND_RESUMED_V1, history.toJson(true));
    }
  }

  /** Counts before creating the index: a different command order than the recorded one. */
  public static class ReorderedReindexWorkflow extends CustomerReindexWorkflowImpl {
    private final CustomerIndexActivities activities =
        io.temporal.workflow.Workflow.newActivityStub(
            CustomerIndexActivities.class,
            io.temporal.activity.ActivityOptions.newBuilder()
                .setStartToCloseTimeout(java.time.Duration.ofMinutes(1))
                .build());

    @Override
    public ReindexResult rebuild(ReindexRequest request) {
      long total = activities.countCustomers();
      String index = activities.createIndex();
      return new ReindexResult(index, total);
    }
  }
}
