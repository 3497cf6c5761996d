package com.oxidly.ui.importing;

import com.oxidly.domain.importing.ImportJob;
import com.oxidly.domain.importing.ImportJobs;
import com.oxidly.domain.importing.ImportKind;
import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.importing.ImportRequest;
import com.oxidly.workflows.importing.ImportWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Stages uploaded files and starts the workflow that applies them. Also resumes, at start-up, every
 * job that was staged or running when the application stopped: chunks are idempotent, so a
 * restarted run finishes the job with exact counts.
 */
@Service
public class ImportLauncher {

  private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);

  private final ImportJobs jobs;
  private final WorkflowClient temporal;
  private final int parallelChunks;

  ImportLauncher(
      ImportJobs jobs,
      WorkflowClient temporal,
      @Value("${oxidly.import.parallel-chunks:2}") int parallelChunks) {
    if (parallelChunks < 1) {
      throw new IllegalArgumentException(
          "oxidly.import.parallel-chunks must be at least 1: " + parallelChunks);
    }
    this.jobs = jobs;
    this.temporal = temporal;
    this.parallelChunks = parallelChunks;
  }

  /**
   * Streams the file into a staged job and starts applying it in the background.
   *
   * @throws com.oxidly.domain.importing.ImportRejectedException when the file as a whole is
   *     unacceptable (unknown or missing columns, malformed CSV)
   */
  public ImportJob start(ImportKind kind, InputStream csv, String fileName, String user) {
    ImportJob job = jobs.stage(kind, csv, fileName, user);
    apply(job);
    return jobs.job(job.id());
  }

  @EventListener(ApplicationReadyEvent.class)
  void resumeUnfinished() {
    for (ImportJob job : jobs.recent(1_000)) {
      if (job.status() == ImportJob.Status.STAGED || job.status() == ImportJob.Status.RUNNING) {
        log.info("Resuming import {} ({} of {})", job.id(), job.kind().path(), job.fileName());
        apply(job);
      }
    }
  }

  private void apply(ImportJob job) {
    ImportWorkflow workflow =
        temporal.newWorkflowStub(
            ImportWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.importJob(job.id().toString()))
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(
          workflow::apply,
          ImportRequest.start(job.id().toString(), jobs.chunkCount(job.id()), parallelChunks));
    } catch (WorkflowExecutionAlreadyStarted running) {
      // Already being applied (a real Temporal cluster kept it across our restart).
    }
  }
}
