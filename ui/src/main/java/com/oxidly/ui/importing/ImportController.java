package com.oxidly.ui.importing;

import com.oxidly.domain.importing.ImportJob;
import com.oxidly.domain.importing.ImportJobs;
import com.oxidly.domain.importing.ImportKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV import (shared/specs/import-format.md): the file is streamed into a staged job, applied by a
 * durable workflow, and its progress and rejected rows are read back here. Never blocks on the
 * workflow.
 */
@RestController
@RequestMapping("/api/import")
@Tag(name = "Import")
class ImportController {

  private final ImportLauncher launcher;
  private final ImportJobs jobs;

  ImportController(ImportLauncher launcher, ImportJobs jobs) {
    this.launcher = launcher;
    this.jobs = jobs;
  }

  @PostMapping(
      path = "/{kind}",
      consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  @Operation(summary = "Import a CSV file sent as the request body (streamed, any size)")
  ResponseEntity<ImportJob> importBody(
      @PathVariable String kind,
      @RequestParam(defaultValue = "upload.csv") String fileName,
      HttpServletRequest request,
      Principal principal)
      throws IOException {
    return accepted(
        launcher.start(
            ImportKind.fromPath(kind), request.getInputStream(), fileName, principal.getName()));
  }

  @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Import a CSV file uploaded as the multipart part 'file'")
  ResponseEntity<ImportJob> importUpload(
      @PathVariable String kind, @RequestPart("file") MultipartFile file, Principal principal)
      throws IOException {
    String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
    return accepted(
        launcher.start(
            ImportKind.fromPath(kind), file.getInputStream(), name, principal.getName()));
  }

  @GetMapping("/jobs")
  @Operation(summary = "Recent import jobs, newest first")
  List<ImportJob> recent(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
    }
    return jobs.recent(limit);
  }

  @GetMapping("/jobs/{id}")
  @Operation(summary = "Progress and report of an import job")
  ImportJob job(@PathVariable UUID id) {
    return jobs.job(id);
  }

  @GetMapping(path = "/jobs/{id}/rejections", produces = "text/csv")
  @Operation(summary = "The rejected rows with row number, column and reason, as CSV")
  void rejections(@PathVariable UUID id, HttpServletResponse response) throws IOException {
    jobs.job(id);
    response.setContentType(RejectionReport.CONTENT_TYPE);
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"" + RejectionReport.fileName(id) + "\"");
    // Written straight to the response, row by row, on this request's thread.
    RejectionReport.write(jobs, id, response.getOutputStream());
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  private static ResponseEntity<ImportJob> accepted(ImportJob job) {
    return ResponseEntity.accepted().location(URI.create("/api/import/jobs/" + job.id())).body(job);
  }
}
