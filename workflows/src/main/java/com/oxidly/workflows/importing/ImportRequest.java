package com.oxidly.workflows.importing;

/**
 * Input of {@link ImportWorkflow#apply}.
 *
 * @param jobId the staged job
 * @param chunkCount chunks the file was staged into
 * @param nextChunk first chunk this run applies (0 at the start, later after continue-as-new)
 * @param soFar totals of the chunks applied by earlier runs of this import
 * @param parallelism how many chunks may be applied at once, where their keys allow it; 0 (the
 *     value in requests made before this field existed) and 1 mean one at a time
 */
public record ImportRequest(
    String jobId, int chunkCount, int nextChunk, ImportResult soFar, int parallelism) {

  /** Applies the chunks one at a time, in file order. */
  public static ImportRequest start(String jobId, int chunkCount) {
    return start(jobId, chunkCount, 1);
  }

  public static ImportRequest start(String jobId, int chunkCount, int parallelism) {
    return new ImportRequest(
        jobId, chunkCount, 0, new ImportResult(jobId, 0, 0, 0, 0), parallelism);
  }
}
