package com.oxidly.activities.heartbeat;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats for activities whose callers set a heartbeat timeout ({@code
 * ActivityRetries.heartbeating}): while the work runs, a background thread tells Temporal every
 * {@link #INTERVAL} that the worker is alive. A worker killed mid-attempt then stops beating, and
 * Temporal hands the attempt to another worker after the heartbeat timeout instead of waiting out
 * the whole start-to-close timeout (minutes of a stalled campaign).
 *
 * <p>Beating from a background thread rather than between units of work keeps the activities free
 * of Temporal calls and beats even while one database statement or SMTP exchange takes long.
 */
public final class Heartbeats {

  /** Well inside {@code ActivityRetries.HEARTBEAT_TIMEOUT} (20 s), also after SDK throttling. */
  static final Duration INTERVAL = Duration.ofSeconds(4);

  private static final ScheduledExecutorService BEATS =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("activity-heartbeats").factory());

  private Heartbeats() {}

  /**
   * Runs {@code work} on the calling activity thread while heartbeating. Outside an activity (a
   * direct call in a test) it just runs the work.
   */
  public static <T> T during(Supplier<T> work) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return work.get();
    }
    ScheduledFuture<?> beating =
        BEATS.scheduleAtFixedRate(
            () -> beat(context), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      beating.cancel(false);
    }
  }

  /** Same, for work without a result. */
  public static void during(Runnable work) {
    during(
        () -> {
          work.run();
          return null;
        });
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (ActivityCompletionException cancelledOrTimedOut) {
      // The server gave the attempt up (a retry runs elsewhere); this attempt's work is guarded by
      // the same idempotency as any retry, so it may finish, and its result is discarded.
    } catch (RuntimeException transientFailure) {
      // The next beat tries again; a missed beat only matters if all of them fail.
    }
  }
}
