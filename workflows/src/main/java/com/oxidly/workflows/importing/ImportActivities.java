package com.oxidly.workflows.importing;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Side effects of an import; each is idempotent, so retries and re-runs are harmless. */
@ActivityInterface
public interface ImportActivities {

  void markRunning(String jobId);

  /**
   * The free behind count of chunks {@code from .. to - 1}, in chunk order: chunk {@code c} with
   * the value {@code f} may be applied once every chunk below {@code c - f} is applied, beside the
   * chunks from {@code c - f} on. Read-only.
   */
  List<Integer> freeBehind(String jobId, int from, int to);

  /** Applies one chunk; applying an applied chunk returns its recorded counts. */
  ChunkCounts applyChunk(String jobId, int chunkNumber);

  void markCompleted(String jobId);

  void markFailed(String jobId, String reason);

  /** Row counts of one applied chunk. */
  record ChunkCounts(long inserted, long updated, long unchanged, long rejected) {}
}
