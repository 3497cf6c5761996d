package com.oxidly.workflows.journey;

import com.oxidly.domain.journey.JourneyEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One customer in one journey version, under the id {@code journey:{id}:v{version}:{customer}}.
 * Started by signal-with-start with the event that triggered it; every later event of the customer
 * arrives as a signal too, and exit criteria are checked the moment it does.
 */
@WorkflowInterface
public interface JourneyWorkflow {

  /** The signal name services may use to send an event directly. */
  String EVENT_SIGNAL = "event";

  @WorkflowMethod
  void run(JourneyInput input);

  /** A customer event; an event handed twice (same or lower id) is ignored. */
  @SignalMethod(name = EVENT_SIGNAL)
  void onEvent(JourneyEvent event);

  /** Where the customer is now. */
  @QueryMethod
  JourneyPosition position();
}
