package com.oxidly.workflows.importing;

import com.oxidly.workflows.ActivityRetries;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the chunks of a job in file order, or, from version 1 of {@value #PARALLEL_CHUNKS}, up to
 * {@link ImportRequest#parallelism()} at once where their keys allow it: a chunk starts only once
 * every chunk below it by more than its free behind count is applied (see {@link
 * ImportActivities#freeBehind}), because a key repeated across chunks must end as its last row.
 */
public class ImportWorkflowImpl implements ImportWorkflow {

  /** Chunks per run before continue-as-new: a few thousand history events at most. */
  static final int CHUNKS_PER_RUN = 500;

  /** Runs before this change applied chunks strictly one by one. */
  static final String PARALLEL_CHUNKS = "parallel-chunks";

  private final ImportActivities activities =
      Workflow.newActivityStub(
          ImportActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(5), 10));

  private String jobId;
  private int applied;
  private int chunkCount;
  private long inserted;
  private long updated;
  private long unchanged;
  private long rejected;

  @Override
  public ImportResult apply(ImportRequest request) {
    jobId = request.jobId();
    chunkCount = request.chunkCount();
    applied = request.nextChunk();
    inserted = request.soFar().inserted();
    updated = request.soFar().updated();
    unchanged = request.soFar().unchanged();
    rejected = request.soFar().rejected();
    try {
      if (request.nextChunk() == 0) {
        activities.markRunning(jobId);
      }
      int end = Math.min(chunkCount, request.nextChunk() + CHUNKS_PER_RUN);
      if (Workflow.getVersion(PARALLEL_CHUNKS, Workflow.DEFAULT_VERSION, 1)
          == Workflow.DEFAULT_VERSION) {
        applyInOrder(request.nextChunk(), end);
      } else {
        applySideBySide(request.nextChunk(), end, Math.max(1, request.parallelism()));
      }
      if (end < chunkCount) {
        Workflow.continueAsNew(
            new ImportRequest(
                jobId,
                chunkCount,
                end,
                new ImportResult(jobId, inserted, updated, unchanged, rejected),
                request.parallelism()));
      }
      activities.markCompleted(jobId);
      return new ImportResult(jobId, inserted, updated, unchanged, rejected);
    } catch (ActivityFailure failure) {
      String reason =
          failure.getCause() instanceof ApplicationFailure cause
              ? cause.getOriginalMessage()
              : failure.getMessage();
      activities.markFailed(jobId, reason);
      throw failure;
    }
  }

  private void applyInOrder(int from, int end) {
    for (int chunk = from; chunk < end; chunk++) {
      add(activities.applyChunk(jobId, chunk));
      applied = chunk + 1;
    }
  }

  private void applySideBySide(int from, int end, int parallelism) {
    List<Integer> freeBehind = activities.freeBehind(jobId, from, end);
    Map<Integer, Promise<ImportActivities.ChunkCounts>> running = new TreeMap<>();
    boolean[] done = new boolean[end - from];
    int appliedBelow = from;
    int next = from;
    while (next < end || !running.isEmpty()) {
      int free = next - from < freeBehind.size() ? freeBehind.get(next - from) : 0;
      if (next < end && running.size() < parallelism && appliedBelow >= next - free) {
        running.put(next, Async.function(activities::applyChunk, jobId, next));
        next++;
        continue;
      }
      // A failed chunk throws here and fails the import; the others' work is kept (idempotent).
      Promise.anyOf(running.values()).get();
      for (Iterator<Map.Entry<Integer, Promise<ImportActivities.ChunkCounts>>> it =
              running.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Integer, Promise<ImportActivities.ChunkCounts>> chunk = it.next();
        if (chunk.getValue().isCompleted()) {
          add(chunk.getValue().get());
          done[chunk.getKey() - from] = true;
          applied++;
          it.remove();
        }
      }
      while (appliedBelow < end && done[appliedBelow - from]) {
        appliedBelow++;
      }
    }
  }

  private void add(ImportActivities.ChunkCounts counts) {
    inserted += counts.inserted();
    updated += counts.updated();
    unchanged += counts.unchanged();
    rejected += counts.rejected();
  }

  @Override
  public ImportProgress progress() {
    return new ImportProgress(jobId, applied, chunkCount, inserted, updated, rejected);
  }
}
