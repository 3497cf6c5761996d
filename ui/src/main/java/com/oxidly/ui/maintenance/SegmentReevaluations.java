package com.oxidly.ui.maintenance;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.segments.SegmentReevaluationWorkflow;
import com.oxidly.workflows.segments.SegmentReevaluationWorkflow.ReevaluationRequest;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import org.springframework.stereotype.Service;

/**
 * Starts the re-evaluation of a segment over every customer after its definition was created or
 * changed (a durable workflow; the caller never waits for it). A re-evaluation still running for an
 * older definition is stopped first: its remaining pages would only be redone.
 */
@Service
public class SegmentReevaluations {

  static final int PAGE_SIZE = 2_000;

  private final WorkflowClient temporal;

  SegmentReevaluations(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /** Starts re-evaluating {@code segmentKey}; returns its workflow id. */
  public String start(String segmentKey) {
    String workflowId = WorkflowIds.segmentReevaluation(segmentKey);
    try {
      startRun(workflowId, segmentKey);
    } catch (WorkflowExecutionAlreadyStarted older) {
      WorkflowStub running = temporal.newUntypedWorkflowStub(workflowId);
      running.terminate("the segment definition changed again");
      startRun(workflowId, segmentKey);
    }
    return workflowId;
  }

  private void startRun(String workflowId, String segmentKey) {
    SegmentReevaluationWorkflow workflow =
        temporal.newWorkflowStub(
            SegmentReevaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    WorkflowClient.start(workflow::reevaluate, ReevaluationRequest.of(segmentKey, PAGE_SIZE));
  }
}
