package com.oxidly.ui.api;

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
import org.springframework.web.bind.annotation.RestController;

/** Operations on the customer index. */
@RestController
@RequestMapping("/api/admin/reindex")
@Tag(name = "Administration")
class AdminController {

  private final CustomerIndexMaintenance maintenance;

  AdminController(CustomerIndexMaintenance maintenance) {
    this.maintenance = maintenance;
  }

  @PostMapping
  @Operation(summary = "Rebuild the customer index from PostgreSQL (a durable workflow)")
  ResponseEntity<Map<String, String>> start() {
    var execution = maintenance.startRebuild();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("workflowId", execution.getWorkflowId(), "runId", execution.getRunId()));
  }

  @GetMapping
  @Operation(summary = "Progress of the latest rebuild")
  ReindexProgress progress() {
    return maintenance
        .progress()
        .orElseThrow(() -> new NotFoundException("No index rebuild has run yet"));
  }
}
