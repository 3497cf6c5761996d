package com.oxidly.ui.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.reindex.CustomerReindexWorkflow;
import com.oxidly.workflows.reindex.ReindexProgress;
import com.oxidly.workflows.reindex.ReindexRequest;
import com.oxidly.workflows.reindex.ReindexResult;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Another process's view of the embedded Temporal server: a client of its own, over a real gRPC
 * connection to 127.0.0.1, starts a workflow that the application's worker runs, signals it and
 * queries it.
 */
@OxidlyIntegrationTest
class EmbeddedTemporalServerTest {

  @Value("${oxidly.temporal.local.port}")
  int temporalPort;

  @Autowired CustomerIndex index;

  @Test
  void aSeparateClientStartsSignalsAndQueriesAWorkflow() {
    WorkflowServiceStubs connection =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporalPort)
                .build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(connection);
      CustomerReindexWorkflow startup =
          client.newWorkflowStub(CustomerReindexWorkflow.class, "reindex:customers");
      await(() -> "done".equals(startup.progress().phase()), "the startup rebuild to finish");

      WorkflowStub rebuild =
          client.newUntypedWorkflowStub(
              "CustomerReindexWorkflow",
              WorkflowOptions.newBuilder()
                  .setWorkflowId("reindex:customers")
                  .setTaskQueue(TaskQueues.MAINTENANCE)
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                  .build());
      // The pause signal arrives with the start, so the run waits before its first page.
      rebuild.signalWithStart("pause", new Object[] {}, new Object[] {ReindexRequest.fresh(25)});
      CustomerReindexWorkflow running =
          client.newWorkflowStub(CustomerReindexWorkflow.class, "reindex:customers");
      await(() -> "paused".equals(running.progress().phase()), "the rebuild to pause");
      ReindexProgress paused = running.progress();
      assertThat(paused.indexed()).isZero();
      assertThat(paused.total()).isEqualTo(300);

      running.resume();
      ReindexResult result =
          rebuild.getResult(30, java.util.concurrent.TimeUnit.SECONDS, ReindexResult.class);

      assertThat(result.indexed()).isEqualTo(300);
      assertThat(running.progress().phase()).isEqualTo("done");
      assertThat(index.count()).isEqualTo(300);
      assertThat(index.currentIndices().toString()).contains(result.index());
    } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    } finally {
      connection.shutdownNow();
    }
  }

  private static void await(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.get()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // e.g. the workflow does not exist yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
