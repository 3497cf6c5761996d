package com.oxidly.workflows.reindex;

import com.oxidly.workflows.ActivityRetries;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Pages through customers in activities; continues as new well before history limits. */
public class CustomerReindexWorkflowImpl implements CustomerReindexWorkflow {

  /** Pages per run before continue-as-new: keeps each history at a few hundred events. */
  static final int PAGES_PER_RUN = 100;

  private final CustomerIndexActivities activities =
      Workflow.newActivityStub(
          CustomerIndexActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(2), 20));

  private String phase = "creating-index";
  private String targetIndex;
  private long indexed;
  private long total;
  private boolean paused;

  @Override
  public ReindexResult rebuild(ReindexRequest request) {
    if (request.pageSize() < 1 || request.pageSize() > 10_000) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pageSize must be between 1 and 10000, was " + request.pageSize(), "InvalidRequest");
    }
    indexed = request.indexedSoFar();
    targetIndex = request.targetIndex() == null ? activities.createIndex() : request.targetIndex();
    total = activities.countCustomers();
    String cursor = request.resumeAfterUuid();
    for (int page = 0; ; page++) {
      if (paused) {
        phase = "paused";
        Workflow.await(() -> !paused);
      }
      phase = "indexing";
      if (page == PAGES_PER_RUN) {
        Workflow.continueAsNew(
            new ReindexRequest(request.pageSize(), targetIndex, cursor, indexed));
      }
      CustomerIndexActivities.IndexedBatch batch =
          activities.indexPage(targetIndex, cursor, request.pageSize());
      indexed += batch.indexed();
      cursor = batch.lastUuid();
      if (batch.last()) {
        break;
      }
    }
    phase = "switching-alias";
    activities.switchAlias(targetIndex);
    phase = "done";
    return new ReindexResult(targetIndex, indexed);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public ReindexProgress progress() {
    return new ReindexProgress(phase, targetIndex, indexed, total);
  }
}
