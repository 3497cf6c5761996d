package com.oxidly.workflows.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One broadcast campaign's run, under the id {@code campaign:{id}}: waits for its start, freezes
 * its audience, sends in throttled batches through central delivery (send key {@code
 * campaign:{id}:{customer}}, so a retry never sends twice), retries quiet-hour deferrals when they
 * end, and records statistics after every batch.
 */
@WorkflowInterface
public interface CampaignWorkflow {

  @WorkflowMethod
  void run(CampaignInput input);

  /** Holds sends (a batch already handed to delivery completes); idempotent. */
  @SignalMethod
  void pause();

  /** Lets a paused run go on where it stopped; idempotent. */
  @SignalMethod
  void resume();

  /** Stops the run for good after the batch in flight; idempotent. */
  @SignalMethod
  void cancel();

  /** Live counts and what the run is doing now. */
  @QueryMethod
  CampaignProgress progress();
}
