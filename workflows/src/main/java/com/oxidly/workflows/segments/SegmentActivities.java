package com.oxidly.workflows.segments;

import io.temporal.activity.ActivityInterface;

/**
 * Side effects of segment re-evaluation. Idempotent: evaluating a page again finds the memberships
 * it wrote and changes (and announces) nothing.
 */
@ActivityInterface(namePrefix = "Segments")
public interface SegmentActivities {

  /**
   * Re-evaluates the customers after {@code afterUuid} (null: from the first), in uuid order,
   * against segment {@code segmentKey} and the segments defined through it; with a null key against
   * every segment whose answer moves with time or ranks.
   */
  EvaluatedPage reevaluatePage(String segmentKey, String afterUuid, int pageSize);

  /**
   * One page evaluated.
   *
   * @param customers customers in the page
   * @param entered memberships gained
   * @param left memberships lost
   * @param lastUuid cursor for the next page; null when the page was empty
   * @param last true when no customers follow
   */
  record EvaluatedPage(int customers, int entered, int left, String lastUuid, boolean last) {}
}
