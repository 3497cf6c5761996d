package com.oxidly.workflows.reindex;

/**
 * Input of {@link CustomerReindexWorkflow#rebuild}.
 *
 * @param pageSize customers per activity call (1..10,000)
 * @param targetIndex the physical index being built; null on the first run, set when the workflow
 *     continues as new so the new run goes on with the same index
 * @param resumeAfterUuid cursor of the last indexed customer when continuing as new, else null
 * @param indexedSoFar documents already written by earlier runs of this rebuild
 */
public record ReindexRequest(
    int pageSize, String targetIndex, String resumeAfterUuid, long indexedSoFar) {

  public static ReindexRequest fresh(int pageSize) {
    return new ReindexRequest(pageSize, null, null, 0);
  }
}
