package com.oxidly.domain.importing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The file as a whole cannot be imported: its header has unknown, duplicate or missing columns, or
 * it is not valid UTF-8 CSV. The message says which columns or which line. No row of such a file is
 * stored; the job is recorded with status {@link ImportJob.Status#REJECTED} and this message, so
 * the attempt shows in the job history.
 */
public class ImportRejectedException extends IllegalArgumentException {

  private final List<String> columns;
  private final transient UUID jobId;

  ImportRejectedException(String message, List<String> columns, Throwable cause, UUID jobId) {
    super(message, cause);
    this.columns = List.copyOf(columns);
    this.jobId = jobId;
  }

  ImportRejectedException(String message, List<String> columns) {
    this(message, columns, null, null);
  }

  ImportRejectedException withJobId(UUID id) {
    return new ImportRejectedException(getMessage(), columns, getCause(), id);
  }

  /** The offending header columns as written in the file; empty when the problem is elsewhere. */
  public List<String> columns() {
    return columns;
  }

  /** The REJECTED job recorded for the attempt, when it could be recorded. */
  public Optional<UUID> jobId() {
    return Optional.ofNullable(jobId);
  }
}
