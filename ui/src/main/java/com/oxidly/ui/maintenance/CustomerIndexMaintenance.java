package com.oxidly.ui.maintenance;

import com.oxidly.domain.search.CustomerIndex;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starts and observes the customer index rebuild workflow. Never blocks on its result: callers read
 * progress by query.
 */
@Service
public class CustomerIndexMaintenance {

  static final int PAGE_SIZE = 2_000;

  private static final Logger log = LoggerFactory.getLogger(CustomerIndexMaintenance.class);

  private final WorkflowClient temporal;
  private final CustomerIndex index;

  CustomerIndexMaintenance(WorkflowClient temporal, CustomerIndex index) {
    this.temporal = temporal;
    this.index = index;
  }

  /**
   * Brings existing indices' mappings up to this version's fields at start, so an upgrade needs no
   * rebuild for fields that were only added.
   */
  @EventListener(ApplicationReadyEvent.class)
  void addNewIndexFields() {
    try {
      index.addNewFields();
    } catch (RuntimeException e) {
      // The indexer retries rejected documents; the next start tries again.
      log.warn("Could not add new fields to the customer index: {}", e.getMessage());
    }
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
