package com.oxidly.workflows.importing;

/** Totals of a finished import. */
public record ImportResult(
    String jobId, long inserted, long updated, long unchanged, long rejected) {}
