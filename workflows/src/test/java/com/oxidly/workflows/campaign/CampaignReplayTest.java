package com.oxidly.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.workflows.RecordedHistories;
import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Campaign runs can last days (local-time schedules, quiet-hour retries, pauses), so a changed
 * workflow must replay the histories of runs the old one started: changes go behind
 * Workflow.getVersion. Record a new history with {@code -Doxidly.record-histories=true} when a new
 * version ships, and keep the old ones.
 */
class CampaignReplayTest {

  private static final String PAUSED_AND_DEFERRED_V1 =
      "/histories/campaign-paused-deferred-v1.json";

  @Test
  void recordedHistoriesReplayOnTheCurrentWorkflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        RecordedHistories.read(PAUSED_AND_DEFERRED_V1), CampaignWorkflowImpl.class);
  }

  @Test
  void aWorkflowThatWaitsDifferentlyDoesNotReplay() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    RecordedHistories.read(PAUSED_AND_DEFERRED_V1), SleepsFirstCampaign.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void recordWhenAsked() throws Exception {
    if (!RecordedHistories.recording()) {
      return;
    }
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Instant start = Instant.ofEpochMilli(environment.currentTimeMillis()).plusSeconds(60);
      Instant morning = start.plus(Duration.ofHours(9));
      CampaignFakes.Campaigns campaigns =
          new CampaignFakes.Campaigns().startingAt(start).throttle(10).members(1, 25, "UTC");
      CampaignFakes.Delivery delivery = new CampaignFakes.Delivery();
      String sleeper = CampaignFakes.uuid(3);
      delivery.answer =
          request ->
              request.customerUuid().equals(sleeper) && request.decidedAt().isBefore(morning)
                  ? new DeliveryOutcome(
                      request.sendKey(), DeliveryOutcome.Status.DEFERRED, "quiet_hours", morning)
                  : CampaignFakes.Delivery.sent(request);
      Worker worker = environment.newWorker(TaskQueues.CAMPAIGNS);
      worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class);
      worker.registerActivitiesImplementations(campaigns, delivery);
      environment.start();
      WorkflowClient client = environment.getWorkflowClient();
      String workflowId = WorkflowIds.campaign(1);
      CampaignWorkflow run =
          client.newWorkflowStub(
              CampaignWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(TaskQueues.CAMPAIGNS)
                  .build());
      WorkflowClient.start(run::run, CampaignInput.start(1));
      environment.sleep(Duration.ofSeconds(90));
      run.pause();
      environment.sleep(Duration.ofHours(1));
      run.resume();
      client.newUntypedWorkflowStub(workflowId).getResult(Void.class);
      RecordedHistories.write(PAUSED_AND_DEFERRED_V1, client.fetchHistory(workflowId).toJson(true));
    }
  }

  /** Sleeps before it starts: a different command sequence than the recorded one. */
  public static class SleepsFirstCampaign extends CampaignWorkflowImpl {
    @Override
    public void run(CampaignInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      super.run(input);
    }
  }
}
