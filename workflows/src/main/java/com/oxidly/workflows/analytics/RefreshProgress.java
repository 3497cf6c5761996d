package com.oxidly.workflows.analytics;

/**
 * Where a refresh is.
 *
 * @param phase counting, scoring or done
 * @param scored customers scored so far
 * @param total customers when the run started
 */
public record RefreshProgress(String phase, long scored, long total) {}
