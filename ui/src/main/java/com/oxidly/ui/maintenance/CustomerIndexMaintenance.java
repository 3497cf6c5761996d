package com.oxidly.ui.maintenance;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.reindex.CustomerReindexWorkflow;
import com.oxidly.workflows.reindex.ReindexProgress;
import com.oxidly.workflows.reindex.ReindexRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Starts and observes the customer index rebuild workflow. Never blocks on its result: callers read
 * progress by query.
 */
@Service
public class CustomerIndexMaintenance {

  static final int PAGE_SIZE = 2_000;

  private final WorkflowClient temporal;

  CustomerIndexMaintenance(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /**
   * Starts a full rebuild unless one is running; returns the run either way. Idempotent, because
   * the workflow id is the business key {@code reindex:customers}.
   */
  public WorkflowExecution startRebuild() {
    CustomerReindexWorkflow workflow =
        temporal.newWorkflowStub(
            CustomerReindexWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.customerReindex())
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      return WorkflowClient.start(workflow::rebuild, ReindexRequest.fresh(PAGE_SIZE));
    } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
      return alreadyRunning.getExecution();
    }
  }

  /** Progress of the latest rebuild, if there ever was one. */
  public Optional<ReindexProgress> progress() {
    try {
      return Optional.of(
          temporal
              .newWorkflowStub(CustomerReindexWorkflow.class, WorkflowIds.customerReindex())
              .progress());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }
}
