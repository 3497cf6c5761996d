package com.oxidly.activities.importing;

import com.oxidly.domain.importing.ChunkOutcome;
import com.oxidly.domain.importing.ImportJobs;
import com.oxidly.workflows.importing.ImportActivities;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Delegates to the import core, whose every operation is idempotent. */
@Component("importActivities")
class ImportActivitiesImpl implements ImportActivities {

  private final ImportJobs jobs;

  ImportActivitiesImpl(ImportJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public void markRunning(String jobId) {
    jobs.markRunning(UUID.fromString(jobId));
  }

  @Override
  public List<Integer> freeBehind(String jobId, int from, int to) {
    return jobs.freeBehind(UUID.fromString(jobId), from, to);
  }

  @Override
  public ChunkCounts applyChunk(String jobId, int chunkNumber) {
    ChunkOutcome outcome = jobs.applyChunk(UUID.fromString(jobId), chunkNumber);
    return new ChunkCounts(
        outcome.inserted(), outcome.updated(), outcome.unchanged(), outcome.rejected());
  }

  @Override
  public void markCompleted(String jobId) {
    jobs.markCompleted(UUID.fromString(jobId));
  }

  @Override
  public void markFailed(String jobId, String reason) {
    jobs.markFailed(UUID.fromString(jobId), reason);
  }
}
