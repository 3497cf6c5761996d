package com.oxidly.workflows.importing;

import com.oxidly.workflows.ActivityRetries;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Chunks are applied in file order, because a key repeated across chunks must end as its last row.
 */
public class ImportWorkflowImpl implements ImportWorkflow {

  /** Chunks per run before continue-as-new: a few thousand history events at most. */
  static final int CHUNKS_PER_RUN = 500;

  private final ImportActivities activities =
      Workflow.newActivityStub(
          ImportActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(5), 10));

  private String jobId;
  private int applied;
  private int chunkCount;
  private long inserted;
  private long updated;
  private long unchanged;
  private long rejected;

  @Override
  public ImportResult apply(ImportRequest request) {
    jobId = request.jobId();
    chunkCount = request.chunkCount();
    applied = request.nextChunk();
    inserted = request.soFar().inserted();
    updated = request.soFar().updated();
    unchanged = request.soFar().unchanged();
    rejected = request.soFar().rejected();
    try {
      if (request.nextChunk() == 0) {
        activities.markRunning(jobId);
      }
      for (int chunk = request.nextChunk(); chunk < chunkCount; chunk++) {
        if (chunk - request.nextChunk() == CHUNKS_PER_RUN) {
          Workflow.continueAsNew(
              new ImportRequest(
                  jobId,
                  chunkCount,
                  chunk,
                  new ImportResult(jobId, inserted, updated, unchanged, rejected)));
        }
        ImportActivities.ChunkCounts counts = activities.applyChunk(jobId, chunk);
        inserted += counts.inserted();
        updated += counts.updated();
        unchanged += counts.unchanged();
        rejected += counts.rejected();
        applied = chunk + 1;
      }
      activities.markCompleted(jobId);
      return new ImportResult(jobId, inserted, updated, unchanged, rejected);
    } catch (ActivityFailure failure) {
      String reason =
          failure.getCause() instanceof ApplicationFailure cause
              ? cause.getOriginalMessage()
              : failure.getMessage();
      activities.markFailed(jobId, reason);
      throw failure;
    }
  }

  @Override
  public ImportProgress progress() {
    return new ImportProgress(jobId, applied, chunkCount, inserted, updated, rejected);
  }
}
