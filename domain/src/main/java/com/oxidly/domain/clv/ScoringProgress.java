package com.oxidly.domain.clv;

/**
 * How far a scoring run has come.
 *
 * @param customersScored customers whose predictions were computed so far
 * @param customersTotal customers there were when the run started (a run also scores customers
 *     added while it runs, so scored may pass this)
 * @param customersWritten customers whose stored scores changed so far (unchanged ones are not
 *     written, so a repeated run writes none)
 */
public record ScoringProgress(long customersScored, long customersTotal, long customersWritten) {}
