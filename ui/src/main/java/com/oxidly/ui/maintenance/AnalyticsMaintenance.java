package com.oxidly.ui.maintenance;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.analytics.AnalyticsRefreshWorkflow;
import com.oxidly.workflows.analytics.RefreshProgress;
import com.oxidly.workflows.analytics.RefreshRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starts and observes the analytics refresh: nightly on a Temporal cron schedule (durable in
 * Temporal, whichever node started it) and on demand. Never blocks on a result: callers read
 * progress by query.
 */
@Service
public class AnalyticsMaintenance {

  static final int PAGE_SIZE = 5_000;

  private static final Logger log = LoggerFactory.getLogger(AnalyticsMaintenance.class);

  private final WorkflowClient temporal;
  private final String nightlyCron;

  AnalyticsMaintenance(
      WorkflowClient temporal,
      @Value("${oxidly.analytics.refresh.cron:0 2 * * *}") String nightlyCron) {
    this.temporal = temporal;
    this.nightlyCron = nightlyCron;
  }

  /** Makes sure the nightly schedule exists; idempotent (its id is the business key). */
  @EventListener(ApplicationReadyEvent.class)
  void ensureNightlySchedule() {
    if (nightlyCron.isBlank()) {
      log.info("Nightly analytics refresh is off (oxidly.analytics.refresh.cron is empty)");
      return;
    }
    AnalyticsRefreshWorkflow nightly =
        temporal.newWorkflowStub(
            AnalyticsRefreshWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.nightlyAnalyticsRefresh())
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .setCronSchedule(nightlyCron)
                .build());
    try {
      WorkflowClient.start(nightly::refresh, RefreshRequest.fresh(PAGE_SIZE));
      log.info("Nightly analytics refresh scheduled ({})", nightlyCron);
    } catch (WorkflowExecutionAlreadyStarted scheduled) {
      // Already scheduled, by this node earlier or by another.
    }
  }

  /** Starts a refresh now unless one is running; returns the run either way. */
  public WorkflowExecution startRefresh() {
    AnalyticsRefreshWorkflow workflow =
        temporal.newWorkflowStub(
            AnalyticsRefreshWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.onDemandAnalyticsRefresh())
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      return WorkflowClient.start(workflow::refresh, RefreshRequest.fresh(PAGE_SIZE));
    } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
      return alreadyRunning.getExecution();
    }
  }

  /** Progress of the latest on-demand refresh, if there ever was one. */
  public Optional<RefreshProgress> progress() {
    try {
      return Optional.of(
          temporal
              .newWorkflowStub(
                  AnalyticsRefreshWorkflow.class, WorkflowIds.onDemandAnalyticsRefresh())
              .progress());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }
}
