package com.oxidly.workflows.analytics;

/**
 * Where a refresh is.
 *
 * @param phase counting, sentiment, fitting-lifetime-value, scoring, fitting-personas, personas
 *     (assigning every customer to the nearest persona), segments (re-evaluating the segments that
 *     move with time and ranks) or done
 * @param scored customers scored so far
 * @param total customers when the run started
 * @param assigned customers assigned to a persona so far
 */
public record RefreshProgress(String phase, long scored, long total, long assigned) {}
