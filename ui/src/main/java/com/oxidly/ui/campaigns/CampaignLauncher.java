package com.oxidly.ui.campaigns;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.campaign.CampaignInput;
import com.oxidly.workflows.campaign.CampaignProgress;
import com.oxidly.workflows.campaign.CampaignWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Starts campaign workflows and talks to them by signal and query; never waits for a result. */
@Service
public class CampaignLauncher {

  private static final Logger log = LoggerFactory.getLogger(CampaignLauncher.class);

  private final WorkflowClient temporal;

  CampaignLauncher(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /**
   * Starts the campaign's one run (after {@code Campaigns.schedule}); a run already started is left
   * as it is (idempotent).
   */
  public void start(long campaignId) {
    CampaignWorkflow workflow =
        temporal.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.campaign(campaignId))
                .setTaskQueue(TaskQueues.CAMPAIGNS)
                // A campaign runs once: a second start must never send it again.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(workflow::run, CampaignInput.start(campaignId));
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      log.info("Campaign {} was already started", campaignId);
    }
  }

  /**
   * Signals the run; a run that already ended needs no signal.
   *
   * @return false when there is no open run
   */
  boolean signal(long campaignId, Consumer<CampaignWorkflow> signal) {
    try {
      signal.accept(
          temporal.newWorkflowStub(CampaignWorkflow.class, WorkflowIds.campaign(campaignId)));
      return true;
    } catch (WorkflowNotFoundException ended) {
      return false;
    }
  }

  /** Live progress by query; empty when no run answers (ended, or Temporal unreachable). */
  Optional<CampaignProgress> progress(long campaignId) {
    try {
      return Optional.of(
          temporal
              .newWorkflowStub(CampaignWorkflow.class, WorkflowIds.campaign(campaignId))
              .progress());
    } catch (WorkflowException | io.grpc.StatusRuntimeException unavailable) {
      log.debug("No live progress for campaign {}: {}", campaignId, unavailable.toString());
      return Optional.empty();
    }
  }
}
