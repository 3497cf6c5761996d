package com.oxidly.workflows.journey;

import com.oxidly.workflows.ActivityRetries;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DateEventsWorkflowImpl implements DateEventsWorkflow {

  private final DateEventActivities activities =
      Workflow.newActivityStub(
          DateEventActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(10), 0));

  @Override
  public int emit() {
    return activities.emitRecentDays();
  }
}
