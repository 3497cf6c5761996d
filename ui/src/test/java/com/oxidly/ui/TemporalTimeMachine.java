package com.oxidly.ui;

import com.google.protobuf.Empty;
import com.google.protobuf.util.Durations;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;

/**
 * Time on the application's Temporal test server: what it says now, and skipping ahead (timers fire
 * at once) so tests see hours of journeys and campaigns in seconds. The server runs in real time
 * otherwise, like a cluster.
 */
public final class TemporalTimeMachine implements AutoCloseable {

  private final TestServiceStubs stubs;

  public TemporalTimeMachine(WorkflowServiceStubs temporal) {
    this.stubs =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder(temporal.getOptions()).build());
  }

  /** The server's current time (real time plus everything skipped so far). */
  public Instant now() {
    var time = stubs.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime();
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }

  /** Moves the server's time ahead by {@code duration}, firing every timer due on the way. */
  public void skip(Duration duration) {
    stubs
        .blockingStub()
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder()
                .setDuration(Durations.fromMillis(duration.toMillis()))
                .build());
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
