package com.oxidly.workflows.importing;

/** Chunks applied out of all, and the row counts so far. */
public record ImportProgress(
    String jobId, int chunksApplied, int chunkCount, long inserted, long updated, long rejected) {}
