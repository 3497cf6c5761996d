package com.oxidly.domain.importing;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The state of one CSV import, as stored in PostgreSQL.
 *
 * <p>Row numbers, here and in rejections, are the row numbers a spreadsheet shows for the file: the
 * header is row 1, so the first data row is row 2 (a record with a line break inside a quoted cell
 * is still one row).
 *
 * @param id the job id, chosen by {@link ImportJobs#stage}
 * @param columns the header as written in the file; empty for an empty file
 * @param totalRows data rows in the file (the header not counted), blank rows included
 * @param chunkCount chunks the rows were split into; chunks are numbered {@code 0 .. chunkCount -
 *     1}
 * @param chunksApplied chunks applied so far
 * @param inserted rows that created a record, over the applied chunks
 * @param updated rows that changed an existing record
 * @param unchanged rows equal to what was stored already (a re-import counts every row here)
 * @param rejected rows not stored because of at least one bad value (see the rejections report)
 * @param skipped blank rows (every cell empty): there is nothing in them to store
 * @param message why the file was rejected or the job failed; null otherwise
 * @param startedAt when the job first went {@link Status#RUNNING}; null before
 * @param finishedAt when it became COMPLETED, FAILED or REJECTED; null before
 */
public record ImportJob(
    UUID id,
    ImportKind kind,
    Status status,
    String fileName,
    String createdBy,
    List<String> columns,
    long totalRows,
    int chunkCount,
    int chunksApplied,
    long inserted,
    long updated,
    long unchanged,
    long rejected,
    long skipped,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public ImportJob {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  /** Rows accounted for by the applied chunks; equals {@link #totalRows} once all are applied. */
  public long processedRows() {
    return inserted + updated + unchanged + rejected + skipped;
  }

  /**
   * Life cycle: STAGED (file stored in chunks) -> RUNNING -> COMPLETED or FAILED; a FAILED job may
   * run again. REJECTED is final: the file itself was unusable and nothing of it was stored.
   */
  public enum Status {
    STAGED,
    RUNNING,
    COMPLETED,
    FAILED,
    REJECTED;

    /** The lower-case word stored in {@code import_jobs.status}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status fromCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Whether the job can change no more (COMPLETED or REJECTED). */
    public boolean isFinal() {
      return this == COMPLETED || this == REJECTED;
    }
  }
}
