package com.oxidly.domain.importing;

import com.oxidly.domain.customer.CustomerAggregates;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable CSV imports in the data exchange format (shared/specs/import-format.md), in steps that a
 * Temporal workflow can drive and retry:
 *
 * <ol>
 *   <li>{@link #stage}: the upload is read once, as a stream, its header checked, and its rows
 *       stored in PostgreSQL in chunks of {@code oxidly.import.chunk-size} rows (default 5,000),
 *       each a small CSV document of its own. Memory use does not grow with the file.
 *   <li>{@link #applyChunk} for chunks {@code 0 .. chunkCount - 1}, in file order or side by side
 *       as far as {@link #freeBehind} allows (a key repeated across chunks must end as its last
 *       row): each chunk's rows are checked; good rows are upserted on their natural key, bad rows
 *       recorded as rejections. One transaction per chunk, and a chunk is applied at most once, so
 *       retries and re-runs after a crash are safe.
 *   <li>{@link #markCompleted} (or {@link #markFailed}), then {@link #job} and {@link
 *       #writeRejections} report.
 * </ol>
 *
 * <p>Row numbers are those a spreadsheet shows: the header is row 1, the first data row is row 2.
 *
 * <p>Values: an empty cell is no value. For a column in the file, an empty cell stores NULL (the
 * file is the truth for the columns it has); columns absent from the file are left as stored.
 * Columns that cannot be NULL in the database (customers' timezone, status, signup_date and opt-in
 * flags, products' active, orders' currency) take their default when a row is inserted and keep the
 * stored value when an existing row is updated; tags become the empty list. Importing the same file
 * again changes nothing and counts every row as unchanged.
 */
@Service
public class ImportJobs {

  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

  static final int DEFAULT_CHUNK_SIZE = 5_000;

  /** Strict RFC 4180; empty lines are kept as (blank) rows so row numbers match the file. */
  private static final CSVFormat INPUT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private static final CSVFormat CHUNK = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private static final String JOB_COLUMNS =
      """
      select j.job_id, j.kind, j.status, j.file_name, j.created_by, j.columns, j.total_rows,
             j.chunk_count, j.message, j.created_at, j.started_at, j.finished_at,
             c.applied, c.inserted, c.updated, c.unchanged, c.rejected, c.skipped
        from import_jobs j
       cross join lateral (
             select count(applied_at)::integer as applied,
                    coalesce(sum(inserted), 0) as inserted,
                    coalesce(sum(updated), 0) as updated,
                    coalesce(sum(unchanged), 0) as unchanged,
                    coalesce(sum(rejected), 0) as rejected,
                    coalesce(sum(skipped), 0) as skipped
               from import_chunks ch
              where ch.job_id = j.job_id) c
      """;

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;
  private final TransactionTemplate tx;
  private final TransactionTemplate readOnly;
  private final Clock clock;
  private final CustomerAggregates aggregates;
  private final String storeCurrency;
  private final int chunkSize;
  private final Map<ImportKind, RowsApplier> appliers = new EnumMap<>(ImportKind.class);

  @Autowired
  ImportJobs(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Clock clock,
      CustomerAggregates aggregates,
      @Value("${oxidly.store.currency:USD}") String storeCurrency,
      @Value("${oxidly.import.chunk-size:" + DEFAULT_CHUNK_SIZE + "}") int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("oxidly.import.chunk-size must be positive: " + chunkSize);
    }
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
    // PostgreSQL streams a result set only inside a transaction and with a fetch size.
    this.streaming.setFetchSize(1_000);
    this.tx = tx;
    this.readOnly = new TransactionTemplate(Objects.requireNonNull(tx.getTransactionManager()));
    this.readOnly.setReadOnly(true);
    this.clock = clock;
    this.aggregates = aggregates;
    try {
      this.storeCurrency = Values.currency(storeCurrency.strip());
    } catch (InvalidValue e) {
      throw new IllegalArgumentException("oxidly.store.currency: " + e.getMessage(), e);
    }
    this.chunkSize = chunkSize;
    appliers.put(ImportKind.CUSTOMERS, new CustomerRows());
    appliers.put(ImportKind.PRODUCTS, new ProductRows());
    appliers.put(ImportKind.ORDERS, new OrderRows());
    appliers.put(ImportKind.ORDER_ITEMS, new OrderItemRows());
    appliers.put(ImportKind.REVIEWS, new ReviewRows());
    appliers.put(ImportKind.INTERACTIONS, new InteractionRows());
  }

  // ---- Step 1: stage ----

  /**
   * Creates a job for {@code csv} (UTF-8, a byte order mark is skipped) and stores its rows in
   * chunks, all in one transaction: the job appears with status STAGED and all its chunks, or not
   * at all. The stream is read once and not closed. An empty file, or a header without rows, is a
   * job with 0 rows and 0 chunks.
   *
   * <p>Not idempotent: every call creates a new job. Rows are not checked here, only the file's
   * shape; that happens when chunks are applied.
   *
   * @param fileName the upload's name, for the job history; may be null
   * @param createdBy who uploaded it; may be null
   * @return the STAGED job
   * @throws ImportRejectedException when the header has an unknown column (neither in the spec nor
   *     {@code attr_*}), a duplicate column or lacks a required column (the message names them), or
   *     when the file is not valid UTF-8 or not valid CSV, e.g. an unterminated quote (the message
   *     gives the line). No row is stored then; a job with status REJECTED and that message is
   *     recorded and its id is {@link ImportRejectedException#jobId()}.
   * @throws UncheckedIOException when reading the stream fails (nothing is recorded)
   */
  public ImportJob stage(ImportKind kind, InputStream csv, String fileName, String createdBy) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(csv, "csv");
    String name = withoutNul(fileName);
    String by = withoutNul(createdBy);
    UUID id = UUID.randomUUID();
    Instant createdAt = clock.instant();
    Staging staging = new Staging(id, kind);
    try {
      tx.executeWithoutResult(
          status -> {
            jdbc.update(
                "insert into import_jobs (job_id, kind, status, file_name, created_by, created_at)"
                    + " values (?, ?, 'staged', ?, ?, ?)",
                id,
                kind.path(),
                name,
                by,
                utc(createdAt));
            staging.read(csv);
          });
    } catch (ImportRejectedException e) {
      // The transaction rolled back every chunk; the attempt and its reason stay in the history.
      tx.executeWithoutResult(
          status ->
              jdbc.update(
                  "insert into import_jobs (job_id, kind, status, file_name, created_by, columns,"
                      + " message, created_at, finished_at) values (?, ?, 'rejected', ?, ?, ?, ?,"
                      + " ?, ?)",
                  id,
                  kind.path(),
                  name,
                  by,
                  staging.names == null ? null : staging.names.toArray(String[]::new),
                  e.getMessage(),
                  utc(createdAt),
                  utc(clock.instant())));
      log.info("Import {} of {} ({}) rejected: {}", id, kind.path(), fileName, e.getMessage());
      throw e.withJobId(id);
    }
    log.info(
        "Import {} of {} ({}) staged: {} rows in {} chunks",
        id,
        kind.path(),
        fileName,
        staging.rows,
        staging.chunks);
    return job(id);
  }

  /** Reads one upload into chunks, inside the staging transaction. */
  private final class Staging {
    private final UUID id;
    private final ImportKind kind;
    private List<String> names;
    private long rows;
    private int chunks;

    Staging(UUID id, ImportKind kind) {
      this.id = id;
      this.kind = kind;
    }

    void read(InputStream csv) {
      try (CSVParser parser =
          CSVParser.builder().setReader(new Utf8Reader(csv)).setFormat(INPUT).get()) {
        Iterator<CSVRecord> records = parser.iterator();
        long rowNumber = 0;
        CSVRecord record;
        // Blank lines above the header are tolerated; they still count as spreadsheet rows.
        while (names == null && (record = next(records, parser)) != null) {
          rowNumber++;
          if (!isBlank(record)) {
            names = record.toList();
          }
        }
        if (names == null) {
          return;
        }
        ChunkIndependence independence = ChunkIndependence.of(kind, Header.of(kind, names));
        StringBuilder chunk = null;
        CSVPrinter printer = null;
        long firstRow = 0;
        int inChunk = 0;
        while ((record = next(records, parser)) != null) {
          rowNumber++;
          if (chunk == null) {
            chunk = new StringBuilder(64 * 1024);
            printer = new CSVPrinter(chunk, CHUNK);
            printer.printRecord(names);
            firstRow = rowNumber;
          }
          printer.printRecord((Object[]) record.values());
          independence.add(record);
          inChunk++;
          rows++;
          if (inChunk == chunkSize) {
            storeChunk(firstRow, inChunk, chunk, independence.endChunk());
            chunk = null;
            inChunk = 0;
          }
        }
        if (chunk != null) {
          storeChunk(firstRow, inChunk, chunk, independence.endChunk());
        }
        jdbc.update(
            "update import_jobs set columns = ?, total_rows = ?, chunk_count = ? where job_id = ?",
            names.toArray(String[]::new),
            rows,
            chunks,
            id);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the uploaded file: " + e.getMessage(), e);
      }
    }

    private void storeChunk(long firstRow, int rowCount, StringBuilder csv, int freeBehind) {
      jdbc.update(
          "insert into import_chunks (job_id, chunk_number, first_row, row_count, csv,"
              + " free_behind) values (?, ?, ?, ?, ?, ?)",
          id,
          chunks,
          firstRow,
          rowCount,
          csv.toString(),
          freeBehind);
      chunks++;
    }
  }

  /** The next record, or null at the end; a file the parser cannot read is rejected. */
  private static CSVRecord next(Iterator<CSVRecord> records, CSVParser parser) {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof Utf8Reader.InvalidText invalid) {
        throw new ImportRejectedException(invalid.getMessage(), List.of(), e.getCause(), null);
      }
      if (e.getCause() instanceof CSVException) {
        throw new ImportRejectedException(
            "file is not valid CSV (RFC 4180): " + e.getCause().getMessage(),
            List.of(),
            e.getCause(),
            null);
      }
      throw e;
    }
  }

  private static boolean isBlank(CSVRecord record) {
    for (String value : record) {
      if (!value.isBlank()) {
        return false;
      }
    }
    return true;
  }

  // ---- Step 2: apply ----

  /**
   * Applies chunk {@code chunkNumber} of a job: checks each row, upserts the good ones on their
   * natural key (in batches, a few statements per chunk), records every bad value of a bad row as a
   * rejection, and records the chunk's counts. Orders also refresh the order metrics of the
   * customers they touched ({@link CustomerAggregates}), in the same transaction.
   *
   * <p>Idempotent: the whole chunk is one transaction that holds a lock on the chunk, and a chunk
   * that was applied is not applied again: later calls return the recorded outcome, so counts and
   * rejections are recorded exactly once however often a worker retries. Chunks of one job may be
   * applied in parallel as {@link #freeBehind} allows. The job's status is not checked or changed.
   *
   * @throws NoSuchElementException when the job or the chunk does not exist
   */
  public ChunkOutcome applyChunk(UUID jobId, int chunkNumber) {
    ChunkOutcome outcome = tx.execute(status -> applyInTransaction(jobId, chunkNumber));
    log.debug(
        "Import {} chunk {}: {} inserted, {} updated, {} unchanged, {} rejected, {} skipped",
        jobId,
        chunkNumber,
        outcome.inserted(),
        outcome.updated(),
        outcome.unchanged(),
        outcome.rejected(),
        outcome.skipped());
    return outcome;
  }

  private ChunkOutcome applyInTransaction(UUID jobId, int chunkNumber) {
    ImportJob job = job(jobId);
    List<ChunkRow> chunks =
        jdbc.query(
            "select first_row, row_count, csv, applied_at, inserted, updated, unchanged, rejected,"
                + " skipped from import_chunks where job_id = ? and chunk_number = ? for update",
            (rs, i) ->
                new ChunkRow(
                    rs.getLong("first_row"),
                    rs.getInt("row_count"),
                    rs.getString("csv"),
                    instant(rs, "applied_at"),
                    new int[] {
                      rs.getInt("inserted"),
                      rs.getInt("updated"),
                      rs.getInt("unchanged"),
                      rs.getInt("rejected"),
                      rs.getInt("skipped")
                    }),
            jobId,
            chunkNumber);
    if (chunks.isEmpty()) {
      throw new NoSuchElementException(
          "import job "
              + jobId
              + " has no chunk "
              + chunkNumber
              + (job.chunkCount() == 0
                  ? "; it has no chunks"
                  : "; its chunks are 0 to " + (job.chunkCount() - 1)));
    }
    ChunkRow chunk = chunks.getFirst();
    if (chunk.appliedAt() != null) {
      return chunk.outcome(jobId, chunkNumber);
    }
    // Microseconds, as PostgreSQL keeps them: a re-run returns exactly the recorded outcome.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Row> rows = new ArrayList<>(chunk.rowCount());
    Header header;
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(chunk.csv())).setFormat(INPUT).get()) {
      Iterator<CSVRecord> records = parser.iterator();
      header = Header.of(job.kind(), records.next().toList());
      long number = chunk.firstRow();
      while (records.hasNext()) {
        rows.add(new Row(number++, records.next().toList(), header));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChunkContext context =
        new ChunkContext(
            jdbc,
            header,
            now,
            job.createdAt(),
            now.atZone(ZoneOffset.UTC).getYear(),
            storeCurrency,
            aggregates);
    List<Row> candidates = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.isBlank()) {
        context.counts().skipped++;
      } else {
        RowCheck check = new RowCheck(row);
        if (check.aligned()) {
          candidates.add(row);
        } else {
          context.reject(check);
        }
      }
    }
    appliers.get(job.kind()).apply(context, candidates);
    storeRejections(jobId, context.rejections());
    ChunkContext.Counts counts = context.counts();
    jdbc.update(
        "update import_chunks set applied_at = ?, inserted = ?, updated = ?, unchanged = ?,"
            + " rejected = ?, skipped = ? where job_id = ? and chunk_number = ?",
        utc(now),
        counts.inserted,
        counts.updated,
        counts.unchanged,
        counts.rejected,
        counts.skipped,
        jobId,
        chunkNumber);
    return new ChunkOutcome(
        jobId,
        chunkNumber,
        chunk.firstRow(),
        chunk.rowCount(),
        counts.inserted,
        counts.updated,
        counts.unchanged,
        counts.rejected,
        counts.skipped,
        now);
  }

  private record ChunkRow(
      long firstRow, int rowCount, String csv, Instant appliedAt, int[] counts) {
    ChunkOutcome outcome(UUID jobId, int chunkNumber) {
      return new ChunkOutcome(
          jobId,
          chunkNumber,
          firstRow,
          rowCount,
          counts[0],
          counts[1],
          counts[2],
          counts[3],
          counts[4],
          appliedAt);
    }
  }

  private void storeRejections(UUID jobId, List<Rejection> rejections) {
    if (rejections.isEmpty()) {
      return;
    }
    // The primary key (job, row, column) makes a repeated report impossible.
    jdbc.batchUpdate(
        "insert into import_rejections (job_id, row_number, column_name, reason, raw)"
            + " values (?, ?, ?, ?, ?) on conflict do nothing",
        rejections,
        1_000,
        (ps, rejection) -> {
          ps.setObject(1, jobId);
          ps.setLong(2, rejection.rowNumber());
          ps.setString(3, rejection.column());
          ps.setString(4, rejection.reason());
          ps.setArray(5, ps.getConnection().createArrayOf("text", rejection.raw().toArray()));
        });
  }

  // ---- Job state ----

  /**
   * The job with its counts summed over the applied chunks.
   *
   * @throws NoSuchElementException when there is no such job
   */
  public ImportJob job(UUID jobId) {
    return find(jobId).orElseThrow(() -> new NoSuchElementException("no import job " + jobId));
  }

  /** The job with its counts summed over the applied chunks, or empty when there is none. */
  public Optional<ImportJob> find(UUID jobId) {
    return jdbc.query(JOB_COLUMNS + " where j.job_id = ?", ImportJobs::mapJob, jobId).stream()
        .findFirst();
  }

  /** The most recent jobs, newest first. */
  public List<ImportJob> recent(int limit) {
    return jdbc.query(
        JOB_COLUMNS + " order by j.created_at desc, j.created_seq desc limit ?",
        ImportJobs::mapJob,
        Math.max(0, limit));
  }

  /**
   * The number of chunks of a job; they are numbered {@code 0 .. chunkCount - 1}.
   *
   * @throws NoSuchElementException when there is no such job
   */
  public int chunkCount(UUID jobId) {
    return jdbc
        .query(
            "select chunk_count from import_jobs where job_id = ?", (rs, i) -> rs.getInt(1), jobId)
        .stream()
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no import job " + jobId));
  }

  /**
   * How chunks {@code from .. to - 1} of a job may be applied side by side, in chunk order: chunk
   * {@code c} with the value {@code f} may start once every chunk below {@code c - f} is applied,
   * whether or not the chunks from {@code c - f} to {@code c - 1} are, because it shares no natural
   * key with them. Applying chunks one by one in file order is always right as well.
   *
   * @throws NoSuchElementException when there is no such job
   */
  public List<Integer> freeBehind(UUID jobId, int from, int to) {
    int chunkCount = chunkCount(jobId);
    return jdbc.queryForList(
        "select free_behind::integer from import_chunks where job_id = ? and chunk_number >= ?"
            + " and chunk_number < ? order by chunk_number",
        Integer.class,
        jobId,
        Math.max(0, from),
        Math.min(chunkCount, to));
  }

  /**
   * Marks a STAGED (or FAILED, to run it again) job RUNNING and sets its start time the first time.
   * Idempotent: a RUNNING or COMPLETED job is left as it is, so a retried activity cannot move a
   * job backwards.
   *
   * @throws NoSuchElementException when there is no such job
   * @throws IllegalStateException when the job was REJECTED
   */
  public void markRunning(UUID jobId) {
    int changed =
        jdbc.update(
            "update import_jobs set status = 'running', started_at = coalesce(started_at, ?),"
                + " finished_at = null, message = null"
                + " where job_id = ? and status in ('staged', 'failed')",
            utc(clock.instant()),
            jobId);
    if (changed == 0 && job(jobId).status() == ImportJob.Status.REJECTED) {
      throw new IllegalStateException("import job " + jobId + " was rejected and cannot run");
    }
  }

  /**
   * Marks the job COMPLETED with the finish time, once every chunk is applied, and drops the stored
   * chunk texts (the rejections keep every row that needs attention, and a copy of customer data
   * should not outlive its use). Idempotent: a COMPLETED job is left as it is.
   *
   * @throws NoSuchElementException when there is no such job
   * @throws IllegalStateException when chunks are not applied yet, or the job was REJECTED
   */
  public void markCompleted(UUID jobId) {
    tx.executeWithoutResult(
        status -> {
          ImportJob job = job(jobId);
          switch (job.status()) {
            case COMPLETED -> {
              return;
            }
            case REJECTED ->
                throw new IllegalStateException(
                    "import job " + jobId + " was rejected and cannot complete");
            default -> {
              if (job.chunksApplied() < job.chunkCount()) {
                throw new IllegalStateException(
                    "import job "
                        + jobId
                        + " has "
                        + job.chunksApplied()
                        + " of "
                        + job.chunkCount()
                        + " chunks applied");
              }
            }
          }
          jdbc.update(
              "update import_jobs set status = 'completed', finished_at = ?, message = null,"
                  + " started_at = coalesce(started_at, ?) where job_id = ?",
              utc(clock.instant()),
              utc(clock.instant()),
              jobId);
          jdbc.update("update import_chunks set csv = null where job_id = ?", jobId);
        });
    log.info("Import {} completed", jobId);
  }

  /**
   * Marks a job that is not final FAILED, with the reason and the finish time; it may be run again
   * ({@link #markRunning}). Idempotent; a COMPLETED or REJECTED job is left as it is (a late
   * failure report does not undo a completion).
   *
   * @throws NoSuchElementException when there is no such job
   */
  public void markFailed(UUID jobId, String reason) {
    int changed =
        jdbc.update(
            "update import_jobs set status = 'failed', message = ?, finished_at = ?"
                + " where job_id = ? and status in ('staged', 'running', 'failed')",
            reason,
            utc(clock.instant()),
            jobId);
    if (changed == 0) {
      job(jobId);
    } else {
      log.warn("Import {} failed: {}", jobId, reason);
    }
  }

  // ---- Step 3: report ----

  /**
   * Writes the job's rejected rows as CSV (RFC 4180): a header {@code row_number, column, reason}
   * followed by the file's own columns, then one line per bad value with the row's original cells,
   * ordered by row and by column position. A row with several bad values has several lines. The
   * column is the spec's column name, or {@code (row)} for a problem of the whole row. Streams from
   * the database; {@code out} is flushed, not closed.
   *
   * @throws NoSuchElementException when there is no such job
   * @throws UncheckedIOException when writing fails
   */
  public void writeRejections(UUID jobId, Writer out) {
    ImportJob job = job(jobId);
    String[] canonical = job.columns().stream().map(Header::canonical).toArray(String[]::new);
    readOnly.executeWithoutResult(
        status -> {
          try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            List<String> header = new ArrayList<>(List.of("row_number", "column", "reason"));
            header.addAll(job.columns());
            printer.printRecord(header);
            streaming.query(
                "select row_number, column_name, reason, raw from import_rejections"
                    + " where job_id = ?"
                    + " order by row_number, array_position(?::text[], column_name) nulls first,"
                    + " column_name",
                rs -> {
                  List<Object> line = new ArrayList<>();
                  line.add(rs.getLong(1));
                  line.add(rs.getString(2));
                  line.add(rs.getString(3));
                  line.addAll(Arrays.asList((Object[]) rs.getArray(4).getArray()));
                  try {
                    printer.printRecord(line);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                jobId,
                canonical);
            printer.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  // ---- Mapping ----

  private static ImportJob mapJob(ResultSet rs, int rowNum) throws SQLException {
    Array columns = rs.getArray("columns");
    return new ImportJob(
        rs.getObject("job_id", UUID.class),
        ImportKind.fromPath(rs.getString("kind")),
        ImportJob.Status.fromCode(rs.getString("status")),
        rs.getString("file_name"),
        rs.getString("created_by"),
        columns == null ? List.of() : List.of((String[]) columns.getArray()),
        rs.getLong("total_rows"),
        rs.getInt("chunk_count"),
        rs.getInt("applied"),
        rs.getLong("inserted"),
        rs.getLong("updated"),
        rs.getLong("unchanged"),
        rs.getLong("rejected"),
        rs.getLong("skipped"),
        rs.getString("message"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** PostgreSQL text cannot hold NUL; metadata from a client might. */
  private static String withoutNul(String text) {
    return text == null ? null : text.replace('\0', '\uFFFD');
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
