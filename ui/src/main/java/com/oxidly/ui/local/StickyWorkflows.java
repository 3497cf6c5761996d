package com.oxidly.ui.local;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether workers keep workflows cached and ask Temporal for their next tasks on a sticky queue
 * (the default: a task then needs no history replay). Nodes that share Temporal's Java test server
 * set {@code oxidly.temporal.sticky-workflows=false}: that server never times out a task left on
 * the sticky queue of a worker that died (a real Temporal server sends it to the normal queue after
 * 5 s), so the workflow would wait for that worker forever. A zero sticky schedule-to-start timeout
 * makes the SDK stop asking for stickiness.
 */
@Component
class StickyWorkflows implements WorkerOptionsCustomizer {

  private final boolean sticky;

  StickyWorkflows(@Value("${oxidly.temporal.sticky-workflows:true}") boolean sticky) {
    this.sticky = sticky;
  }

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder options, String workerName, String taskQueue) {
    return sticky ? options : options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
  }
}
