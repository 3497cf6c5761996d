package com.oxidly.workflows.analytics;

import io.temporal.activity.ActivityInterface;

/**
 * Side effects of an analytics refresh. Idempotent: scoring a page again computes the same scores
 * and writes only those that differ from what is stored. Activity types are prefixed "Analytics"
 * because they share the maintenance task queue with other activities of the same method names.
 */
@ActivityInterface(namePrefix = "Analytics")
public interface AnalyticsActivities {

  /** Customers in PostgreSQL now. */
  long countCustomers();

  /**
   * Scores the customers after {@code afterUuid} (null: from the first), in uuid order.
   *
   * @return the page scored; {@link ScoredPage#lastUuid()} is the next cursor
   */
  ScoredPage scorePage(String afterUuid, int pageSize);

  /**
   * One page scored.
   *
   * @param scored customers in the page
   * @param changed of them, customers whose stored scores changed
   * @param lastUuid cursor for the next page; null when the page was empty
   * @param last true when no customers follow
   */
  record ScoredPage(int scored, long changed, String lastUuid, boolean last) {}
}
