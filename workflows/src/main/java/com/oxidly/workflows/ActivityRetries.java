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

  /**
   * How long a heartbeating activity's worker may stay silent before Temporal gives the attempt to
   * another worker: a killed worker costs this much delay, not a whole start-to-close timeout.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

  private ActivityRetries() {}

  /**
   * {@link #idempotent} for activities that heartbeat while they run (their implementations wrap
   * the work in {@code Heartbeats.during}), with {@link #HEARTBEAT_TIMEOUT}.
   */
  public static ActivityOptions heartbeating(Duration startToClose, int maximumAttempts) {
    return idempotent(startToClose, maximumAttempts).toBuilder()
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .build();
  }

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
