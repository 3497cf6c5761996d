package com.oxidly.domain.importing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Applies every chunk of a staged job on a few threads, side by side where {@link
 * ImportJobs#freeBehind} allows: the schedule of the import workflow, without Temporal, for
 * benchmarks and tests.
 */
final class ChunkRunner {

  private ChunkRunner() {}

  /**
   * @param parallel chunks applied at once, at most
   * @param onApplied told the number of chunks applied so far, after each one
   * @throws IllegalStateException when a chunk fails
   */
  static void applyAll(ImportJobs imports, UUID jobId, int parallel, IntConsumer onApplied) {
    int chunks = imports.chunkCount(jobId);
    List<Integer> freeBehind = imports.freeBehind(jobId, 0, chunks);
    ExecutorService workers = Executors.newFixedThreadPool(parallel);
    try {
      ExecutorCompletionService<Integer> finished = new ExecutorCompletionService<>(workers);
      boolean[] applied = new boolean[chunks];
      int appliedBelow = 0;
      int next = 0;
      int running = 0;
      for (int done = 0; done < chunks; ) {
        if (next < chunks
            && running < parallel
            && ChunkIndependence.mayStart(next, freeBehind.get(next), appliedBelow)) {
          int chunk = next++;
          finished.submit(() -> imports.applyChunk(jobId, chunk).chunkNumber());
          running++;
          continue;
        }
        applied[finished.take().get()] = true;
        running--;
        done++;
        while (appliedBelow < chunks && applied[appliedBelow]) {
          appliedBelow++;
        }
        onApplied.accept(done);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a chunk failed: " + e.getCause().getMessage(), e);
    } finally {
      workers.shutdownNow();
    }
  }
}
