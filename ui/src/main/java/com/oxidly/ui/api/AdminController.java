package com.oxidly.ui.api;

import com.oxidly.domain.search.CustomerIndexConsistency;
import com.oxidly.ui.maintenance.CustomerIndexMaintenance;
import com.oxidly.workflows.reindex.ReindexProgress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the customer index. */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Administration")
class AdminController {

  private final CustomerIndexMaintenance maintenance;
  private final CustomerIndexConsistency consistency;

  AdminController(CustomerIndexMaintenance maintenance, CustomerIndexConsistency consistency) {
    this.maintenance = maintenance;
    this.consistency = consistency;
  }

  @PostMapping("/index/check")
  @Operation(
      summary = "Compare the customer index with PostgreSQL and queue every difference for repair")
  CustomerIndexConsistency.Report check(@RequestParam(defaultValue = "200") int sample) {
    if (sample < 0 || sample > 10_000) {
      throw new IllegalArgumentException("sample must be between 0 and 10000, was " + sample);
    }
    return consistency.checkAndRepair(sample);
  }

  @PostMapping("/reindex")
  @Operation(summary = "Rebuild the customer index from PostgreSQL (a durable workflow)")
  ResponseEntity<Map<String, String>> start() {
    var execution = maintenance.startRebuild();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("workflowId", execution.getWorkflowId(), "runId", execution.getRunId()));
  }

  @GetMapping("/reindex")
  @Operation(summary = "Progress of the latest rebuild")
  ReindexProgress progress() {
    return maintenance
        .progress()
        .orElseThrow(() -> new NotFoundException("No index rebuild has run yet"));
  }
}
