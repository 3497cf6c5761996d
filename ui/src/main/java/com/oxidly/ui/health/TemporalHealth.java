package com.oxidly.ui.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Asks the Temporal frontend for its system info, with a short deadline. */
@Component("temporal")
class TemporalHealth implements HealthIndicator {

  private final WorkflowServiceStubs service;

  TemporalHealth(WorkflowServiceStubs service) {
    this.service = service;
  }

  @Override
  public Health health() {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(3, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up().withDetail("target", service.getOptions().getTarget()).build();
    } catch (Exception e) {
      return Health.down()
          .withDetail("target", service.getOptions().getTarget())
          .withDetail("error", e.getMessage())
          .build();
    }
  }
}
