package com.oxidly.workflows.analytics;

/**
 * Where a refresh is.
 *
 * @param phase counting, fitting-lifetime-value, scoring, segments (re-evaluating the segments that
 *     move with time and ranks) or done
 * @param scored customers scored so far
 * @param total customers when the run started
 */
public record RefreshProgress(String phase, long scored, long total) {}
