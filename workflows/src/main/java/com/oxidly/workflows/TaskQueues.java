package com.oxidly.workflows;

/** Every Temporal task queue Oxidly uses, in one place. */
public final class TaskQueues {

  /** Maintenance work: index rebuilds, imports, analytics refreshes. */
  public static final String MAINTENANCE = "oxidly-maintenance";

  private TaskQueues() {}
}
