package com.oxidly.workflows.importing;

import io.temporal.activity.ActivityInterface;

/** Side effects of an import; each is idempotent, so retries and re-runs are harmless. */
@ActivityInterface
public interface ImportActivities {

  void markRunning(String jobId);

  /** Applies one chunk; applying an applied chunk returns its recorded counts. */
  ChunkCounts applyChunk(String jobId, int chunkNumber);

  void markCompleted(String jobId);

  void markFailed(String jobId, String reason);

  /** Row counts of one applied chunk. */
  record ChunkCounts(long inserted, long updated, long unchanged, long rejected) {}
}
