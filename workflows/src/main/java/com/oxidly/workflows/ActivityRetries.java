package com.oxidly.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Options for Oxidly's idempotent activities: an explicit time limit per attempt and retries that
 * back off from a second to a minute, so a database or index that is briefly away costs a delay,
 * not a failed job.
 */
public final class ActivityRetries {

  private ActivityRetries() {}

  /**
   * @param startToClose how long one attempt may take
   * @param maximumAttempts attempts before the workflow sees the failure
   */
  public static ActivityOptions idempotent(Duration startToClose, int maximumAttempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(maximumAttempts)
                .build())
        .build();
  }
}
