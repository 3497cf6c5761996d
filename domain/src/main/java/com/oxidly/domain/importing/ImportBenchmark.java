package com.oxidly.domain.importing;

import com.oxidly.domain.bench.BenchDatabase;
import com.oxidly.domain.bench.BenchOptions;
import com.oxidly.domain.bench.Machine;
import com.oxidly.domain.customer.CustomerAggregates;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import throughput next to raw PostgreSQL COPY of the same rows, in the same run.
 *
 * <pre>
 * ./oxidly bench import --jdbc-url=jdbc:postgresql://127.0.0.1:5432/oxidly_bench --user=postgres
 * </pre>
 *
 * <p>The customers and orders of an existing store (the {@code demo-store} benchmark's, by default)
 * are written to CSV files in the import format, then imported into a fresh database ({@code
 * --target-db}, default the store's name with {@code _import}; <b>dropped and recreated</b>)
 * through {@link ImportJobs}: {@link ImportJobs#stage stage}, then {@link ImportJobs#applyChunk
 * applyChunk} for every chunk, side by side as {@link ImportJobs#freeBehind} allows, exactly as the
 * import workflow's activities call them (Temporal itself is left out). Two baselines follow, timed
 * the same way:
 *
 * <ul>
 *   <li>raw COPY of the same CSV files into UNLOGGED tables of text columns, without indexes: what
 *       PostgreSQL can take at best;
 *   <li>COPY of the same rows, in table form, into the real tables of a second fresh database
 *       ({@code --target-db} with {@code _copy}): every index, foreign key and change-log trigger
 *       the import pays for too, but no validation, no upsert and no aggregates.
 * </ul>
 *
 * <p>Options: {@code --jdbc-url} and {@code --user}/{@code --password} (the source store), {@code
 * --target-db}, {@code --customers} (import only the first n customers by email and their orders;
 * default all), {@code --chunk-size} (default {@value ImportJobs#DEFAULT_CHUNK_SIZE}), {@code
 * --parallel} (chunks applied at once where their keys allow it, as {@code
 * oxidly.import.parallel-chunks}; default 2), {@code --work-dir} (where the CSV files go; default a
 * folder in the temporary directory).
 */
public final class ImportBenchmark {

  private static final String UTC_TEXT = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

  private ImportBenchmark() {}

  /** One measured load of one file. */
  record Measured(String what, long rows, Duration wall, Duration cpu) {
    double rowsPerSecond() {
      return rows / (wall.toNanos() / 1e9);
    }
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            args,
            List.of(
                "jdbc-url",
                "user",
                "password",
                "target-db",
                "customers",
                "chunk-size",
                "parallel",
                "work-dir"));
    String url = options.get("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/oxidly_bench");
    String user = options.get("user", "postgres");
    String password = options.get("password");
    String targetName = options.get("target-db", BenchDatabase.name(url) + "_import");
    String target = BenchDatabase.withName(url, targetName);
    String copyTarget = BenchDatabase.withName(url, targetName + "_copy");
    int limit = options.getInt("customers", Integer.MAX_VALUE);
    int chunkSize = options.getInt("chunk-size", ImportJobs.DEFAULT_CHUNK_SIZE);
    int parallel = options.getInt("parallel", 2);
    Path work =
        Path.of(
            options.get(
                "work-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "oxidly-bench-import").toString()));
    Files.createDirectories(work);

    System.out.println(Machine.stamp("import benchmark start"));
    long customerRows;
    long orderRows;
    try (HikariDataSource source = BenchDatabase.pool(url, user, password, 2)) {
      System.out.println("Writing the store's customers and orders as CSV into " + work + " ...");
      customerRows = copyOut(source, customersCsv(source, limit), work.resolve("customers.csv"));
      orderRows = copyOut(source, ordersCsv(limit), work.resolve("orders.csv"));
      copyOut(source, table("customers", limit), work.resolve("customers.tbl"));
      copyOut(source, table("orders", limit), work.resolve("orders.tbl"));
    }
    System.out.printf(
        Locale.ROOT,
        "%,d customers (%,d MB), %,d orders (%,d MB) in import format%n",
        customerRows,
        Files.size(work.resolve("customers.csv")) >> 20,
        orderRows,
        Files.size(work.resolve("orders.csv")) >> 20);

    List<Measured> results = new ArrayList<>();
    BenchDatabase.recreate(target, user, password);
    try (HikariDataSource pool =
        BenchDatabase.pool(target, user, password, Math.max(4, parallel + 2))) {
      ImportJobs imports = importJobs(pool, chunkSize);
      results.add(
          importFile(
              imports,
              ImportKind.CUSTOMERS,
              work.resolve("customers.csv"),
              customerRows,
              parallel));
      results.add(
          importFile(imports, ImportKind.ORDERS, work.resolve("orders.csv"), orderRows, parallel));
      System.out.println(Machine.stamp("raw COPY"));
      results.add(rawCopy(pool, "customers", work.resolve("customers.csv"), customerRows));
      results.add(rawCopy(pool, "orders", work.resolve("orders.csv"), orderRows));
    }
    BenchDatabase.recreate(copyTarget, user, password);
    try (HikariDataSource pool = BenchDatabase.pool(copyTarget, user, password, 2)) {
      System.out.println(Machine.stamp("COPY into the real tables"));
      results.add(tableCopy(pool, "customers", work.resolve("customers.tbl"), customerRows));
      results.add(tableCopy(pool, "orders", work.resolve("orders.tbl"), orderRows));
    }
    System.out.println(Machine.stamp("import benchmark end"));
    print(results);
  }

  private static ImportJobs importJobs(HikariDataSource pool, int chunkSize) {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    Clock clock = Clock.systemUTC();
    return new ImportJobs(jdbc, tx, clock, new CustomerAggregates(jdbc, clock), "USD", chunkSize);
  }

  /**
   * Stages the file and applies its chunks, {@code parallel} at a time where their keys allow it,
   * as the import workflow does.
   */
  private static Measured importFile(
      ImportJobs imports, ImportKind kind, Path file, long rows, int parallel) throws IOException {
    System.out.println(Machine.stamp("import " + kind.path()));
    Duration cpuBefore = Machine.processCpu();
    long started = System.nanoTime();
    ImportJob staged;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      staged = imports.stage(kind, in, file.getFileName().toString(), "bench");
    }
    long stagedAt = System.nanoTime();
    imports.markRunning(staged.id());
    int chunks = staged.chunkCount();
    List<Integer> freeBehind = imports.freeBehind(staged.id(), 0, chunks);
    System.out.printf(
        Locale.ROOT,
        "  %,d of %,d chunks share no key with the chunk before them%n",
        freeBehind.stream().filter(free -> free > 0).count(),
        chunks);
    int[] nextPercent = {10};
    ChunkRunner.applyAll(
        imports,
        staged.id(),
        parallel,
        done -> {
          int percent = (int) (100L * done / chunks);
          if (percent >= nextPercent[0]) {
            System.out.printf(
                Locale.ROOT,
                "  %3d%%  %,d of %,d chunks  %.1f s%n",
                percent,
                done,
                chunks,
                (System.nanoTime() - started) / 1e9);
            nextPercent[0] = percent / 10 * 10 + 10;
          }
        });
    imports.markCompleted(staged.id());
    long finished = System.nanoTime();
    Duration cpu = Machine.processCpu().minus(cpuBefore);
    ImportJob job = imports.job(staged.id());
    if (job.inserted() != rows || job.rejected() != 0) {
      throw new IllegalStateException(
          kind.path()
              + ": expected "
              + rows
              + " rows inserted and none rejected, but the job says "
              + job);
    }
    System.out.printf(
        Locale.ROOT,
        "  staged %,d rows in %,d chunks in %.1f s, applied in %.1f s%n",
        rows,
        chunks,
        (stagedAt - started) / 1e9,
        (finished - stagedAt) / 1e9);
    return new Measured(
        "import " + kind.path() + " (stage + apply)",
        rows,
        Duration.ofNanos(finished - started),
        cpu);
  }

  private static Measured rawCopy(HikariDataSource pool, String name, Path csv, long rows)
      throws IOException, SQLException {
    String header;
    try (var lines = Files.lines(csv)) {
      header = lines.findFirst().orElseThrow();
    }
    String table = "bench_raw_" + name;
    String columns =
        List.of(header.split(",")).stream()
            .map(column -> "\"" + column + "\" text")
            .collect(Collectors.joining(", "));
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists " + table);
      statement.execute("create unlogged table " + table + " (" + columns + ")");
    }
    return copyIn(
        pool,
        "raw COPY " + name + ".csv (UNLOGGED text table, no indexes)",
        "COPY " + table + " FROM STDIN (FORMAT csv, HEADER true)",
        csv,
        rows);
  }

  private static Measured tableCopy(HikariDataSource pool, String table, Path rowsFile, long rows)
      throws IOException, SQLException {
    return copyIn(
        pool,
        "COPY " + table + " into the real table (indexes, foreign keys, triggers)",
        "COPY " + table + " FROM STDIN",
        rowsFile,
        rows);
  }

  private static Measured copyIn(
      HikariDataSource pool, String what, String sql, Path file, long rows)
      throws IOException, SQLException {
    Duration cpuBefore = Machine.processCpu();
    long started = System.nanoTime();
    long copied;
    try (Connection connection = pool.getConnection();
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
    }
    long finished = System.nanoTime();
    if (copied != rows) {
      throw new IllegalStateException(what + " copied " + copied + " rows, expected " + rows);
    }
    return new Measured(
        what, rows, Duration.ofNanos(finished - started), Machine.processCpu().minus(cpuBefore));
  }

  private static long copyOut(HikariDataSource source, String select, Path file)
      throws IOException, SQLException {
    try (Connection connection = source.getConnection();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      return connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut(
              "COPY ("
                  + select
                  + ") TO STDOUT"
                  + (file.toString().endsWith(".csv") ? " (FORMAT csv, HEADER true)" : ""),
              out);
    }
  }

  /** The first {@code limit} customers by email, as the export writes them. */
  private static String customersCsv(HikariDataSource source, int limit) {
    List<String> attributes =
        new JdbcTemplate(source)
            .queryForList(
                "select distinct jsonb_object_keys(attributes) from customers order by 1",
                String.class);
    StringBuilder select =
        new StringBuilder(
            "select c.email, c.first_name, c.last_name, c.phone, c.year_of_birth, c.country,"
                + " c.city, c.address, c.postal_code, c.time_zone as timezone, c.status,"
                + " c.language, to_char(c.signup_date at time zone 'UTC', "
                + UTC_TEXT
                + ") as signup_date, c.email_opt_in::text as email_opt_in,"
                + " c.sms_opt_in::text as sms_opt_in, c.push_opt_in::text as push_opt_in,"
                + " array_to_string(c.tags, ';') as tags, c.acquisition_channel,"
                + " c.referred_by");
    for (String key : attributes) {
      select
          .append(", c.attributes ->> '")
          .append(key)
          .append("' as \"")
          .append(ImportKind.ATTRIBUTE_PREFIX)
          .append(key)
          .append('"');
    }
    return select
        .append(" from (")
        .append(limited(limit))
        .append(") c order by c.email")
        .toString();
  }

  private static String ordersCsv(int limit) {
    return "select o.order_id, c.email as customer_email, to_char(o.ordered_at at time zone"
        + " 'UTC', "
        + UTC_TEXT
        + ") as ordered_at, o.status, o.total, o.currency, o.referral_code, o.coupon_code"
        + " from orders o join ("
        + limited(limit)
        + ") c using (customer_uuid) order by o.order_id";
  }

  /** Rows of {@code table} belonging to the chosen customers, as stored (for COPY). */
  private static String table(String table, int limit) {
    return table.equals("customers")
        ? "select * from (" + limited(limit) + ") c order by c.email"
        : "select o.* from orders o join ("
            + limited(limit)
            + ") c using (customer_uuid) order by o.order_id";
  }

  private static String limited(int limit) {
    return "select * from customers order by email"
        + (limit == Integer.MAX_VALUE ? "" : " limit " + limit);
  }

  private static void print(List<Measured> results) {
    System.out.println();
    System.out.println("| load | rows | seconds | rows/s | JVM CPU s |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (Measured result : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.2f | %,.0f | %.1f |%n",
          result.what(),
          result.rows(),
          result.wall().toNanos() / 1e9,
          result.rowsPerSecond(),
          result.cpu().toNanos() / 1e9);
    }
    System.out.println();
    for (int i = 0; i < 2; i++) {
      Measured imported = results.get(i);
      Measured raw = results.get(2 + i);
      Measured real = results.get(4 + i);
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f %% of raw COPY (goal: at least 50 %%), %.0f %% of COPY into the real table%n",
          imported.what(),
          100 * imported.rowsPerSecond() / raw.rowsPerSecond(),
          100 * imported.rowsPerSecond() / real.rowsPerSecond());
    }
  }
}
