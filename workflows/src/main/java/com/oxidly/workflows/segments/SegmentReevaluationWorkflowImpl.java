package com.oxidly.workflows.segments;

import com.oxidly.workflows.ActivityRetries;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Pages through customers in activities; continues as new well before history limits. */
public class SegmentReevaluationWorkflowImpl implements SegmentReevaluationWorkflow {

  /** Pages per run before continue-as-new: keeps each history at a few hundred events. */
  static final int PAGES_PER_RUN = 100;

  private final SegmentActivities activities =
      Workflow.newActivityStub(
          SegmentActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(5), 20));

  private long evaluated;

  @Override
  public ReevaluationResult reevaluate(ReevaluationRequest request) {
    if (request.pageSize() < 1 || request.pageSize() > 10_000) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pageSize must be between 1 and 10000, was " + request.pageSize(), "InvalidRequest");
    }
    evaluated = request.evaluatedSoFar();
    long entered = request.enteredSoFar();
    long left = request.leftSoFar();
    String cursor = request.resumeAfterUuid();
    for (int page = 0; ; page++) {
      if (page == PAGES_PER_RUN) {
        Workflow.continueAsNew(
            new ReevaluationRequest(
                request.segmentKey(), request.pageSize(), cursor, evaluated, entered, left));
      }
      SegmentActivities.EvaluatedPage batch =
          activities.reevaluatePage(request.segmentKey(), cursor, request.pageSize());
      evaluated += batch.customers();
      entered += batch.entered();
      left += batch.left();
      if (batch.last()) {
        return new ReevaluationResult(evaluated, entered, left);
      }
      cursor = batch.lastUuid();
    }
  }

  @Override
  public long evaluated() {
    return evaluated;
  }
}
