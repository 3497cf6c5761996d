package com.oxidly.workflows.importing;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Applies a staged CSV import chunk by chunk. Runs under id {@code import:{jobId}}, so a job is
 * applied by one run at a time; a crash of the worker resumes at the chunk in flight, which is
 * applied idempotently.
 */
@WorkflowInterface
public interface ImportWorkflow {

  @WorkflowMethod
  ImportResult apply(ImportRequest request);

  @QueryMethod
  ImportProgress progress();
}
