package com.oxidly.ui.events;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.journey.DateEventsWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure the daily date-events run is scheduled in Temporal (a cron workflow under one id, so
 * every node may ask and one schedule exists).
 */
@Component
class DateEventsSchedule {

  private static final Logger log = LoggerFactory.getLogger(DateEventsSchedule.class);

  private final WorkflowClient temporal;
  private final String cron;

  DateEventsSchedule(
      WorkflowClient temporal,
      @Value("${oxidly.journeys.date-events-cron:10 0 * * *}") String cron) {
    this.temporal = temporal;
    this.cron = cron;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensureScheduled() {
    if (cron.isBlank()) {
      log.info("Date events are off (oxidly.journeys.date-events-cron is empty)");
      return;
    }
    DateEventsWorkflow daily =
        temporal.newWorkflowStub(
            DateEventsWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.dailyDateEvents())
                .setTaskQueue(TaskQueues.CAMPAIGNS)
                .setCronSchedule(cron)
                .build());
    try {
      WorkflowClient.start(daily::emit);
      log.info("Daily date events scheduled ({})", cron);
    } catch (WorkflowExecutionAlreadyStarted scheduled) {
      // Scheduled already, by this node earlier or by another.
    }
  }
}
