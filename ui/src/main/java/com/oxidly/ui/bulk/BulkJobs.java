package com.oxidly.ui.bulk;

import com.oxidly.domain.bulk.BulkAction;
import com.oxidly.domain.bulk.BulkOutcome;
import com.oxidly.domain.bulk.CustomerBulkActions;
import com.oxidly.domain.bulk.CustomerBulkActions.Target;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Runs bulk actions for people allowed to change customers (admins and marketers): small ones at
 * once, large ones on a background thread of this node that the caller follows through the {@link
 * Job} it gets back (a view polls it; nothing waits on it). Each action is a set operation, so a
 * run lost with its node is simply started again.
 */
@Service
public class BulkJobs {

  private static final Logger log = LoggerFactory.getLogger(BulkJobs.class);

  private final CustomerBulkActions actions;

  /** Two at a time per node: a bulk action is database work, not worth more parallel runs. */
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          2, Thread.ofPlatform().daemon().name("bulk-action-", 0).factory());

  BulkJobs(CustomerBulkActions actions) {
    this.actions = actions;
  }

  /** A bulk action on its way: how far it is, and its outcome once done. Thread-safe. */
  public static final class Job {
    private final BulkAction action;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;
    private final CompletableFuture<BulkOutcome> outcome = new CompletableFuture<>();

    Job(BulkAction action) {
      this.action = action;
    }

    public BulkAction action() {
      return action;
    }

    /** Customers done so far. */
    public int done() {
      return done.get();
    }

    /** Customers it applies to; -1 while a query's customers are still being looked up. */
    public int total() {
      return total;
    }

    public boolean finished() {
      return outcome.isDone();
    }

    /** What it did; null while it runs. */
    public BulkOutcome outcome() {
      return outcome.isDone() && !outcome.isCompletedExceptionally() ? outcome.join() : null;
    }

    /** Why it stopped before any customer was changed; null when it did not. */
    public String refusal() {
      if (!outcome.isCompletedExceptionally()) {
        return null;
      }
      try {
        outcome.join();
        return null;
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      }
    }

    /** Waits for the end (tests and API callers that want the outcome). */
    public BulkOutcome await() {
      return outcome.join();
    }
  }

  /**
   * Applies {@code action} to {@code target}: in the caller's thread, or when {@code background} on
   * a thread of its own.
   *
   * @throws IllegalArgumentException when the action is refused before it starts (an unknown or
   *     dynamic segment, a journey closed to enrolment)
   * @throws org.springframework.security.access.AccessDeniedException for analysts and viewers
   */
  @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
  public Job start(BulkAction action, Target target, String user, boolean background) {
    actions.check(action);
    Job job = new Job(action);
    Runnable run =
        () -> {
          try {
            List<UUID> customers = actions.resolve(target);
            job.total = customers.size();
            job.outcome.complete(actions.apply(action, customers, user, job.done::set));
          } catch (RuntimeException e) {
            log.warn("Bulk action '{}' by {} failed", action.describe(), user, e);
            job.outcome.completeExceptionally(e);
          }
        };
    if (background) {
      executor.execute(run);
    } else {
      run.run();
    }
    return job;
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
