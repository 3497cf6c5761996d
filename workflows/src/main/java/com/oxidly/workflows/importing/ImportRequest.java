package com.oxidly.workflows.importing;

/**
 * Input of {@link ImportWorkflow#apply}.
 *
 * @param jobId the staged job
 * @param chunkCount chunks the file was staged into
 * @param nextChunk first chunk this run applies (0 at the start, later after continue-as-new)
 * @param soFar totals of the chunks applied by earlier runs of this import
 */
public record ImportRequest(String jobId, int chunkCount, int nextChunk, ImportResult soFar) {

  public static ImportRequest start(String jobId, int chunkCount) {
    return new ImportRequest(jobId, chunkCount, 0, new ImportResult(jobId, 0, 0, 0, 0));
  }
}
