package com.oxidly.workflows.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

  /** Our own activity interface, in memory: 10 inserted and 1 rejected row per chunk. */
  static final class FakeImports implements ImportActivities {
    final List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    volatile int failAt = -1;

    @Override
    public void markRunning(String jobId) {
      events.add("running");
    }

    @Override
    public ChunkCounts applyChunk(String jobId, int chunkNumber) {
      if (chunkNumber == failAt) {
        throw ApplicationFailure.newNonRetryableFailure(
            "chunk " + chunkNumber + " is broken", "Broken");
      }
      applied.add(chunkNumber);
      events.add("chunk");
      return new ChunkCounts(10, 0, 0, 1);
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
