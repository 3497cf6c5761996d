package com.oxidly.workflows.analytics;

/**
 * A finished refresh.
 *
 * @param scored customers scored
 * @param changed customers whose stored scores changed
 */
public record RefreshResult(long scored, long changed) {}
