package com.oxidly.workflows.reindex;

/** The index a finished rebuild left the alias pointing at, and how many documents it holds. */
public record ReindexResult(String index, long indexed) {}
