package com.oxidly.workflows.importing;

import com.oxidly.workflows.RecordedHistories;
import com.oxidly.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An import of a big file runs for many minutes and resumes after a restart, so a changed workflow
 * must replay the histories of runs the old one started: changes go behind Workflow.getVersion.
 * Record a new history with {@code -Doxidly.record-histories=true} when a new version ships, and
 * keep the old ones.
 */
class ImportReplayTest {

  /** Chunks applied one by one, before {@value ImportWorkflowImpl#PARALLEL_CHUNKS}. */
  private static final String IN_ORDER_V0 = "/histories/import-in-order-v0.json";

  /** Chunks 0 and 1 side by side, then chunk 2 alone. */
  private static final String SIDE_BY_SIDE_V1 = "/histories/import-side-by-side-v1.json";

  @Test
  void recordedHistoriesReplayOnTheCurrentWorkflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        RecordedHistories.read(IN_ORDER_V0), ImportWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(
        RecordedHistories.read(SIDE_BY_SIDE_V1), ImportWorkflowImpl.class);
  }

  @Test
  void recordWhenAsked() throws Exception {
    if (!RecordedHistories.recording()) {
      return;
    }
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Worker worker = environment.newWorker(TaskQueues.MAINTENANCE);
      worker.registerWorkflowImplementationTypes(ImportWorkflowImpl.class);
      ImportWorkflowTest.FakeImports imports = new ImportWorkflowTest.FakeImports();
      imports.freeBehind = List.of(0, 1, 0);
      worker.registerActivitiesImplementations(imports);
      environment.start();
      WorkflowClient client = environment.getWorkflowClient();
      String workflowId = "import:recorded";
      client
          .newWorkflowStub(
              ImportWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(TaskQueues.MAINTENANCE)
                  .build())
          .apply(ImportRequest.start("job-recorded", 3, 2));
      RecordedHistories.write(SIDE_BY_SIDE_V1, client.fetchHistory(workflowId).toJson(true));
    }
  }
}
