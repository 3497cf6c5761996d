package com.oxidly.domain.demo;

/**
 * Receives progress of a demo load. Called after every committed chunk, from a loader thread but
 * never concurrently, with a non-decreasing {@code customersDone}. An exception thrown here aborts
 * the load.
 */
@FunctionalInterface
public interface DemoLoadProgress {

  /** Ignores progress. */
  DemoLoadProgress NONE = (done, total) -> {};

  /**
   * @param customersDone customers whose rows (with their orders, reviews, ...) are committed
   * @param customersTotal customers the load will write in all
   */
  void loaded(int customersDone, int customersTotal);
}
