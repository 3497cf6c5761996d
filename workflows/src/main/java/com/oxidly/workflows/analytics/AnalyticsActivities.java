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
   * Scores the customers after {@code afterUuid} (null: from the first), in uuid order: engagement,
   * and lifetime value with model {@code lifetimeValueModel} unless it is null.
   *
   * @return the page scored; {@link ScoredPage#lastUuid()} is the next cursor
   */
  ScoredPage scorePage(String afterUuid, int pageSize, Long lifetimeValueModel);

  /**
   * Refits the lifetime-value models on all counted orders up to today and stores the fit.
   *
   * @return the stored model's id; null when the store has too little history to fit (the refresh
   *     then leaves lifetime values as they are)
   */
  Long fitLifetimeValue();

  /**
   * Scores sentiment for a while (a few minutes at most) and says where to go on: {@code pass}
   * "reviews" or "interactions" scores texts that are new or changed since they were scored (an
   * unchanged text is never scored twice), "customers" updates customers' recency-weighted
   * averages.
   *
   * @param after where the pass goes on; "" from its start
   */
  SentimentProgress scoreSentiment(String pass, String after);

  /**
   * Fits personas on a sample of customers and stores them as a new model, named (by the language
   * model when one is configured). Not current until {@link #finishPersonas}.
   *
   * @return the persona model's version; null when the store has too few customers to group
   */
  Long fitPersonas();

  /**
   * Assigns the customers after {@code afterUuid} (null: from the first), in uuid order, to the
   * nearest persona of {@code model}; writes only changed assignments.
   */
  AssignedPage assignPersonas(long model, String afterUuid, int pageSize);

  /** Counts the personas of {@code model} and makes it the current one. */
  void finishPersonas(long model);

  /**
   * One page assigned.
   *
   * @param assigned customers in the page
   * @param changed of them, customers whose persona changed
   * @param lastUuid cursor for the next page
   * @param last true when no customers follow
   */
  record AssignedPage(int assigned, long changed, String lastUuid, boolean last) {}

  /**
   * @param changed texts scored or customers updated by this call
   * @param next where the pass goes on; null when it is done
   */
  record SentimentProgress(int changed, String next) {}

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
