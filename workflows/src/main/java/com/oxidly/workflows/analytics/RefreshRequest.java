package com.oxidly.workflows.analytics;

/**
 * What to refresh and, after a continue-as-new, where to go on.
 *
 * @param pageSize customers per activity, 1 to 10,000
 * @param resumeAfterUuid the last customer already scored in this run; null from the start
 * @param scoredSoFar customers already scored in this run
 * @param changedSoFar stored scores changed so far in this run
 * @param lifetimeValueModel the lifetime-value model this run fitted; null when it could not fit
 * @param personas where assigning personas goes on; null while customers are still being scored
 */
public record RefreshRequest(
    int pageSize,
    String resumeAfterUuid,
    long scoredSoFar,
    long changedSoFar,
    Long lifetimeValueModel,
    PersonaAssignment personas) {

  public static RefreshRequest fresh(int pageSize) {
    return new RefreshRequest(pageSize, null, 0, 0, null, null);
  }

  /**
   * Assigning customers to the personas this run fitted.
   *
   * @param model the persona model's version
   * @param afterUuid the last customer already assigned; null from the first
   * @param assigned customers assigned so far
   */
  public record PersonaAssignment(long model, String afterUuid, long assigned) {}
}
