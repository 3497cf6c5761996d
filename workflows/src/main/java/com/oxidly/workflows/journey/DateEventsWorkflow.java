package com.oxidly.workflows.journey;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs daily on a Temporal cron schedule: stores the date events (signup anniversaries, birthday
 * months) that journeys with a date trigger start from.
 */
@WorkflowInterface
public interface DateEventsWorkflow {

  /**
   * @return events stored by this run
   */
  @WorkflowMethod
  int emit();
}
