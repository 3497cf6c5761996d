package com.oxidly.workflows.reindex;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rebuilds the customer index from PostgreSQL into a fresh index and swaps the alias when done, so
 * searches keep working on the old index meanwhile. Runs under id {@code reindex:customers}.
 */
@WorkflowInterface
public interface CustomerReindexWorkflow {

  @WorkflowMethod
  ReindexResult rebuild(ReindexRequest request);

  /** Stops after the page in flight until {@link #resume()}. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  @QueryMethod
  ReindexProgress progress();
}
