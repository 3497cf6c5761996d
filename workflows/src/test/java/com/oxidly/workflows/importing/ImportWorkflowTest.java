package com.oxidly.workflows.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportWorkflowTest {

  private TestWorkflowEnvironment environment;
  private FakeImports imports;

  @BeforeEach
  void setUp() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(TaskQueues.MAINTENANCE);
    worker.registerWorkflowImplementationTypes(ImportWorkflowImpl.class);
    imports = new FakeImports();
    worker.registerActivitiesImplementations(imports);
    environment.start();
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void appliesEveryChunkInOrderAndCompletes() {
    ImportResult result = workflow().apply(ImportRequest.start("job-1", 3));

    assertThat(imports.applied).containsExactly(0, 1, 2);
    assertThat(imports.events).containsExactly("running", "chunk", "chunk", "chunk", "completed");
    assertThat(result.inserted()).isEqualTo(30);
    assertThat(result.rejected()).isEqualTo(3);
  }

  @Test
  void keepsTotalsAcrossContinueAsNew() {
    int chunks = ImportWorkflowImpl.CHUNKS_PER_RUN + 20;

    ImportResult result = workflow().apply(ImportRequest.start("job-2", chunks));

    assertThat(imports.applied).hasSize(chunks);
    assertThat(result.inserted()).isEqualTo(10L * chunks);
    assertThat(imports.events.stream().filter("running"::equals).count()).isEqualTo(1);
  }

  @Test
  void marksTheJobFailedWhenAChunkCannotBeApplied() {
    imports.failAt = 1;

    assertThatThrownBy(() -> workflow().apply(ImportRequest.start("job-3", 3)))
        .hasStackTraceContaining("chunk 1 is broken");
    assertThat(imports.events).endsWith("failed: chunk 1 is broken");
  }

  @Test
  void appliesChunksSideBySideOnlyWhereTheirKeysAllow() {
    // Chunk 1 shares no key with chunk 0; chunk 2 shares one with chunk 1; chunk 3 with neither
    // of the two before it; chunk 4 shares one with chunk 0 only.
    imports.freeBehind = List.of(0, 1, 0, 2, 3);
    imports.awaitNeighbours = true;

    ImportResult result = workflow().apply(ImportRequest.start("job-4", 5, 2));

    assertThat(imports.applied).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(imports.mostActive.get()).isEqualTo(2);
    // Every chunk started only after all chunks below it by more than its free behind count.
    assertThat(appliedBefore(2)).containsExactlyInAnyOrder(0, 1);
    assertThat(appliedBefore(3)).contains(0, 1);
    assertThat(appliedBefore(4)).contains(0);
    assertThat(result.inserted()).isEqualTo(50);
    assertThat(result.rejected()).isEqualTo(5);
    assertThat(imports.events).startsWith("running").endsWith("completed");
  }

  @Test
  void chunksThatShareKeysWithTheirPredecessorRunOneByOne() {
    imports.freeBehind = List.of(0, 0, 0, 0);
    imports.awaitNeighbours = true;

    workflow().apply(ImportRequest.start("job-5", 4, 2));

    assertThat(imports.applied).containsExactly(0, 1, 2, 3);
    assertThat(imports.mostActive.get()).isEqualTo(1);
  }

  @Test
  void keepsTotalsAcrossContinueAsNewSideBySide() {
    int chunks = ImportWorkflowImpl.CHUNKS_PER_RUN + 20;
    List<Integer> free = new ArrayList<>();
    for (int chunk = 0; chunk < chunks; chunk++) {
      free.add(chunk == 0 ? 0 : 1);
    }
    imports.freeBehind = free;

    ImportResult result = workflow().apply(ImportRequest.start("job-6", chunks, 2));

    assertThat(imports.applied).hasSize(chunks).doesNotHaveDuplicates();
    assertThat(result.inserted()).isEqualTo(10L * chunks);
  }

  private List<Integer> appliedBefore(int chunk) {
    String prefix = chunk + " after ";
    String start =
        imports.starts.stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow();
    String list = start.substring(prefix.length() + 1, start.length() - 1);
    return list.isBlank()
        ? List.of()
        : Arrays.stream(list.split(", ")).map(Integer::valueOf).toList();
  }

  private ImportWorkflow workflow() {
    return environment
        .getWorkflowClient()
        .newWorkflowStub(
            ImportWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("import:test")
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .build());
  }

  /**
   * Our own activity interface, in memory: 10 inserted and 1 rejected row per chunk. With {@code
   * awaitNeighbours}, a chunk the next one may run beside waits (a little) until it does, so a test
   * sees chunks overlap.
   */
  static final class FakeImports implements ImportActivities {
    final List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> starts = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger mostActive = new AtomicInteger();
    volatile int failAt = -1;
    volatile List<Integer> freeBehind = List.of();
    volatile boolean awaitNeighbours;

    @Override
    public void markRunning(String jobId) {
      events.add("running");
    }

    @Override
    public List<Integer> freeBehind(String jobId, int from, int to) {
      List<Integer> free = new ArrayList<>();
      for (int chunk = from; chunk < to; chunk++) {
        free.add(chunk < freeBehind.size() ? freeBehind.get(chunk) : 0);
      }
      return free;
    }

    @Override
    public ChunkCounts applyChunk(String jobId, int chunkNumber) {
      if (chunkNumber == failAt) {
        throw ApplicationFailure.newNonRetryableFailure(
            "chunk " + chunkNumber + " is broken", "Broken");
      }
      int now = active.incrementAndGet();
      mostActive.accumulateAndGet(now, Math::max);
      try {
        starts.add(chunkNumber + " after " + applied);
        boolean nextRunsBeside =
            awaitNeighbours
                && chunkNumber + 1 < freeBehind.size()
                && freeBehind.get(chunkNumber + 1) >= 1;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (nextRunsBeside && active.get() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        applied.add(chunkNumber);
        events.add("chunk");
        return new ChunkCounts(10, 0, 0, 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        active.decrementAndGet();
      }
    }

    @Override
    public void markCompleted(String jobId) {
      events.add("completed");
    }

    @Override
    public void markFailed(String jobId, String reason) {
      events.add("failed: " + reason);
    }
  }
}
