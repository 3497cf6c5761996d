package com.oxidly.workflows.journey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.journey.JourneyEvent;
import com.oxidly.domain.journey.JourneyTemplates;
import com.oxidly.workflows.RecordedHistories;
import com.oxidly.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Journey runs live for weeks, so a new interpreter must replay the histories of runs the old one
 * started: changes go behind Workflow.getVersion. Record a new history with {@code
 * -Doxidly.record-histories=true} when a new interpreter version ships, and keep the old ones.
 */
class JourneyReplayTest {

  /**
   * Loads the JSON mapper before replaying: its first use takes over a second on a loaded machine,
   * and inside a workflow thread that trips Temporal's deadlock detector.
   */
  @org.junit.jupiter.api.BeforeAll
  static void warmUpJson() {
    JourneyTemplates.keys().forEach(JourneyTemplates::template);
  }

  private static final String ABANDONED_CART_V1 = "/histories/journey-abandoned-cart-v1.json";
  private static final String CUSTOMER = "00000000-0000-0000-0000-000000000042";

  @Test
  void recordedHistoriesReplayOnTheCurrentInterpreter() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        RecordedHistories.read(ABANDONED_CART_V1), JourneyWorkflowImpl.class);
  }

  @Test
  void anInterpreterThatSkipsARecordDoesNotReplay() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    RecordedHistories.read(ABANDONED_CART_V1), SleepsFirstInterpreter.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void recordWhenAsked() throws Exception {
    if (!RecordedHistories.recording()) {
      return;
    }
    JourneyFakes.Journeys journeys = new JourneyFakes.Journeys();
    journeys.define(1, JourneyTemplates.template("abandoned-cart"));
    journeys.branchAnswers.put("sms-opted-in", true);
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Worker worker = environment.newWorker(TaskQueues.CAMPAIGNS);
      worker.registerWorkflowImplementationTypes(JourneyWorkflowImpl.class);
      worker.registerActivitiesImplementations(journeys, new JourneyFakes.Delivery());
      environment.start();
      WorkflowClient client = environment.getWorkflowClient();
      String workflowId = "journey:1:v1:" + CUSTOMER;
      WorkflowStub run =
          client.newUntypedWorkflowStub(
              "JourneyWorkflow",
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(TaskQueues.CAMPAIGNS)
                  .build());
      Instant now = Instant.ofEpochMilli(environment.currentTimeMillis());
      run.signalWithStart(
          JourneyWorkflow.EVENT_SIGNAL,
          new Object[] {new JourneyEvent(1, "e-1", "cart_updated", now, Map.of("cart_id", "c-1"))},
          new Object[] {JourneyInput.entry(1, 1, CUSTOMER)});
      environment.sleep(Duration.ofDays(2));
      run.signal(
          JourneyWorkflow.EVENT_SIGNAL,
          new JourneyEvent(
              2, "e-2", "order_placed", now, Map.of("cart_id", "c-1", "total", "84.50")));
      run.getResult(Void.class);
      RecordedHistories.write(ABANDONED_CART_V1, client.fetchHistory(workflowId).toJson(true));
    }
  }

  /** Sleeps before it starts: a different command sequence than the recorded one. */
  public static class SleepsFirstInterpreter extends JourneyWorkflowImpl {
    @Override
    public void run(JourneyInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      super.run(input);
    }
  }
}
