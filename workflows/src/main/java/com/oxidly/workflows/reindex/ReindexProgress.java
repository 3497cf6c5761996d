package com.oxidly.workflows.reindex;

/**
 * What a running rebuild reports to the UI and operators.
 *
 * @param phase creating-index, indexing, paused, switching-alias or done
 * @param indexed documents written so far
 * @param total customers in PostgreSQL when the rebuild started
 */
public record ReindexProgress(String phase, String targetIndex, long indexed, long total) {

  /** Share done in [0, 1]; 1 when there is nothing to index. */
  public double fraction() {
    return total <= 0 ? 1.0 : Math.min(1.0, (double) indexed / total);
  }
}
