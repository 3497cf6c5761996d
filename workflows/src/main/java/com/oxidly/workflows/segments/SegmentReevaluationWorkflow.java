package com.oxidly.workflows.segments;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Re-evaluates segment memberships over every customer in pages, recording entries and exits: one
 * segment after its definition changed (id {@code segment-reevaluation:<key>}), or the segments
 * that move with time and ranks at the end of each analytics refresh (a child of it).
 */
@WorkflowInterface
public interface SegmentReevaluationWorkflow {

  @WorkflowMethod
  ReevaluationResult reevaluate(ReevaluationRequest request);

  /** Customers evaluated so far in this run. */
  @QueryMethod
  long evaluated();

  /**
   * What to re-evaluate and, after a continue-as-new, where to go on.
   *
   * @param segmentKey the segment; null for every segment that moves with time or ranks
   * @param pageSize customers per activity, 1 to 10,000
   * @param resumeAfterUuid last customer already evaluated; null from the start
   */
  record ReevaluationRequest(
      String segmentKey,
      int pageSize,
      String resumeAfterUuid,
      long evaluatedSoFar,
      long enteredSoFar,
      long leftSoFar) {

    public static ReevaluationRequest of(String segmentKey, int pageSize) {
      return new ReevaluationRequest(segmentKey, pageSize, null, 0, 0, 0);
    }
  }

  /** A finished re-evaluation: customers evaluated, memberships gained and lost. */
  record ReevaluationResult(long evaluated, long entered, long left) {}
}
