package com.oxidly.ui.api;

import com.oxidly.ui.maintenance.AnalyticsMaintenance;
import com.oxidly.workflows.analytics.RefreshProgress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rescoring every customer's analytics on demand (it also runs nightly). */
@RestController
@Tag(name = "Analytics")
class AnalyticsRefreshController {

  private final AnalyticsMaintenance maintenance;

  AnalyticsRefreshController(AnalyticsMaintenance maintenance) {
    this.maintenance = maintenance;
  }

  @PostMapping("/api/analytics/refresh")
  @Operation(summary = "Rescore every customer now (a durable workflow); one run at a time")
  ResponseEntity<Map<String, String>> start() {
    var execution = maintenance.startRefresh();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("workflowId", execution.getWorkflowId(), "runId", execution.getRunId()));
  }

  @GetMapping("/api/analytics/refresh")
  @Operation(summary = "Progress of the latest on-demand refresh")
  RefreshProgress progress() {
    return maintenance
        .progress()
        .orElseThrow(() -> new NotFoundException("No analytics refresh has run yet"));
  }
}
