package com.oxidly.workflows;

/** Every Temporal task queue Oxidly uses, in one place. */
public final class TaskQueues {

  /** Maintenance work: index rebuilds, imports, analytics refreshes. */
  public static final String MAINTENANCE = "oxidly-maintenance";

  /** Customer-facing work: journeys, broadcasts and message delivery. */
  public static final String CAMPAIGNS = "oxidly-campaigns";

  private TaskQueues() {}
}
