package com.oxidly.workflows.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerReindexWorkflowTest {

  private TestWorkflowEnvironment environment;
  private WorkflowClient client;
  private FakeIndex index;

  @BeforeEach
  void setUp() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(TaskQueues.MAINTENANCE);
    worker.registerWorkflowImplementationTypes(CustomerReindexWorkflowImpl.class);
    index = new FakeIndex(250);
    worker.registerActivitiesImplementations(index);
    environment.start();
    client = environment.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void indexesEveryCustomerOnceAndSwitchesTheAlias() {
    ReindexResult result = newWorkflow().rebuild(ReindexRequest.fresh(10));

    assertThat(result.indexed()).isEqualTo(250);
    assertThat(index.written).hasSize(250);
    assertThat(index.aliasTarget).isEqualTo(result.index());
    assertThat(index.created).containsExactly(result.index());
  }

  @Test
  void continuesAsNewOnTheSameIndexWithoutLosingOrRepeatingCustomers() {
    // 250 pages of one customer: more than two runs' worth of pages.
    ReindexResult result = newWorkflow().rebuild(ReindexRequest.fresh(1));

    assertThat(result.indexed()).isEqualTo(250);
    assertThat(index.writes).isEqualTo(250);
    assertThat(index.created).hasSize(1);
    assertThat(index.aliasTarget).isEqualTo(index.created.getFirst());
  }

  @Test
  void pausesAndResumesBySignalAndReportsProgressByQuery() {
    WorkflowStub stub = startPaused(client, ReindexRequest.fresh(10));

    CustomerReindexWorkflow running =
        client.newWorkflowStub(CustomerReindexWorkflow.class, "reindex:customers");
    ReindexProgress paused = awaitPhase(running, "paused");
    assertThat(paused.indexed()).isZero();
    assertThat(paused.total()).isEqualTo(250);
    assertThat(index.writes).isZero();

    running.resume();
    ReindexResult result = stub.getResult(ReindexResult.class);
    assertThat(result.indexed()).isEqualTo(250);
    assertThat(running.progress().phase()).isEqualTo("done");
    assertThat(running.progress().fraction()).isEqualTo(1.0);
  }

  @Test
  void rejectsAPageSizeOutOfRange() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> newWorkflow().rebuild(ReindexRequest.fresh(0)))
        .hasStackTraceContaining("pageSize must be between 1 and 10000");
  }

  /** Starts a rebuild whose pause signal arrives with the start, before its first page. */
  static WorkflowStub startPaused(WorkflowClient client, ReindexRequest request) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "CustomerReindexWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId("reindex:customers")
                .setTaskQueue(TaskQueues.MAINTENANCE)
                .build());
    stub.signalWithStart("pause", new Object[] {}, new Object[] {request});
    return stub;
  }

  private ReindexProgress awaitPhase(CustomerReindexWorkflow workflow, String phase) {
    for (int attempt = 0; attempt < 200; attempt++) {
      ReindexProgress progress = workflow.progress();
      if (phase.equals(progress.phase())) {
        return progress;
      }
      environment.sleep(java.time.Duration.ofMillis(50));
    }
    throw new AssertionError("workflow never reached phase " + phase);
  }

  private CustomerReindexWorkflow newWorkflow() {
    return client.newWorkflowStub(
        CustomerReindexWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId("reindex:customers")
            .setTaskQueue(TaskQueues.MAINTENANCE)
            .setWorkflowRunTimeout(java.time.Duration.ofMinutes(5))
            .build());
  }

  /** An in-memory index of our own activity interface: customers are "c0000".."c0249". */
  static final class FakeIndex implements CustomerIndexActivities {
    final List<String> customers = new ArrayList<>();
    final Set<String> written = Collections.newSetFromMap(new ConcurrentHashMap<>());
    final List<String> created = Collections.synchronizedList(new ArrayList<>());
    volatile int writes;
    volatile String aliasTarget;

    FakeIndex(int count) {
      TreeSet<String> ids = new TreeSet<>();
      for (int i = 0; i < count; i++) {
        ids.add("c%04d".formatted(i));
      }
      customers.addAll(ids);
    }

    @Override
    public String createIndex() {
      String name = "customers-" + created.size();
      created.add(name);
      return name;
    }

    @Override
    public long countCustomers() {
      return customers.size();
    }

    @Override
    public synchronized IndexedBatch indexPage(String index, String afterUuid, int pageSize) {
      List<String> page =
          customers.stream()
              .filter(id -> afterUuid == null || id.compareTo(afterUuid) > 0)
              .limit(pageSize)
              .toList();
      written.addAll(page);
      writes += page.size();
      String last = page.isEmpty() ? afterUuid : page.getLast();
      return new IndexedBatch(page.size(), last, page.size() < pageSize);
    }

    @Override
    public void switchAlias(String index) {
      aliasTarget = index;
    }
  }
}
