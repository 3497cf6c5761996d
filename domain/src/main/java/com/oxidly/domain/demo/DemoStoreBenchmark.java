package com.oxidly.domain.demo;

import com.oxidly.domain.bench.BenchDatabase;
import com.oxidly.domain.bench.BenchOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures the demo store loader against the raw speed of PostgreSQL COPY on the same machine.
 *
 * <pre>
 * java -cp ... com.oxidly.domain.demo.DemoStoreBenchmark --customers=1000000 --seed=42 \
 *     --jdbc-url=jdbc:postgresql://127.0.0.1:5432/oxidly_bench --user=postgres
 * </pre>
 *
 * <p>Options: {@code --customers} (default 100000), {@code --seed} (42), {@code --jdbc-url}, {@code
 * --user} (postgres), {@code --password} (none), {@code --now} (an ISO instant; default the current
 * second), {@code --parallelism} and {@code --chunk-size} (the loader's defaults).
 *
 * <p><b>Drops and recreates the database named in the URL.</b> It then migrates it with Flyway,
 * loads the demo store with progress every 5%, and finally COPYs the same customer and order rows,
 * rendered into memory before the clock starts, into UNLOGGED tables without indexes or foreign
 * keys. The gap between the two is what indexes, foreign keys, WAL and generation cost. Prints a
 * markdown table. The raw phase holds all customer and order CSV in memory (about 1.3 GB for a
 * million customers).
 */
public final class DemoStoreBenchmark {

  private DemoStoreBenchmark() {}

  /** Runs the benchmark; see the class documentation for the arguments. */
  public static void main(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            args,
            List.of(
                "customers",
                "seed",
                "jdbc-url",
                "user",
                "password",
                "now",
                "parallelism",
                "chunk-size"));
    int customers = Integer.parseInt(options.get("customers", "100000"));
    long seed = Long.parseLong(options.get("seed", "42"));
    String url = options.get("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/oxidly_bench");
    String user = options.get("user", "postgres");
    String password = options.get("password");
    Instant now =
        options.get("now") != null
            ? Instant.parse(options.get("now"))
            : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    int parallelism =
        Integer.parseInt(
            options.get(
                "parallelism",
                String.valueOf(
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))));
    int chunkSize =
        Integer.parseInt(options.get("chunk-size", String.valueOf(DemoStore.DEFAULT_CHUNK_SIZE)));
    DemoStoreSpec spec = new DemoStoreSpec(seed, customers, now);

    BenchDatabase.recreate(url, user, password);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    if (password != null) {
      dataSource.setPassword(password);
    }

    System.out.printf(
        "Loading %,d customers (seed %d, now %s, %d writers, %,d customers per chunk)%n",
        customers, seed, now, parallelism, chunkSize);
    LoadStats stats = new LoadStats();
    HeapSampler loadHeap = HeapSampler.start();
    int[] nextPercent = {5};
    long loadStarted = System.nanoTime();
    DemoLoadReport report =
        new DemoStore(dataSource, chunkSize, parallelism)
            .load(
                spec,
                (done, total) -> {
                  int percent = (int) (100L * done / total);
                  if (percent >= nextPercent[0] || done == total) {
                    System.out.printf(
                        Locale.ROOT,
                        "  %3d%%  %,9d / %,d customers  %6.1f s  heap used %,d MB%n",
                        percent,
                        done,
                        total,
                        (System.nanoTime() - loadStarted) / 1e9,
                        usedHeap() >> 20);
                    nextPercent[0] = (percent / 5 + 1) * 5;
                  }
                },
                stats);
    long loadHeapMax = loadHeap.stop();

    System.out.println("Rendering raw COPY input in memory ...");
    RawCsv raw = RawCsv.render(spec, chunkSize);
    System.gc();
    double rawCustomers = rawCopy(dataSource, DemoTable.CUSTOMERS, raw.customers, raw.customerRows);
    double rawOrders = rawCopy(dataSource, DemoTable.ORDERS, raw.orders, raw.orderRows);

    System.out.println();
    System.out.println("| table | rows | COPY seconds | rows/s |");
    System.out.println("| --- | ---: | ---: | ---: |");
    long allRows = 0;
    for (DemoTable table : DemoTable.values()) {
      long rows = stats.rows(table);
      allRows += rows;
      row(table.table, rows, stats.copyNanos(table) / 1e9);
    }
    row("products (batch insert)", report.products(), stats.productNanos.sum() / 1e9);
    allRows += report.products();
    row("**generator, all tables (wall clock)**", allRows, report.elapsed().toNanos() / 1e9);
    row("raw COPY customers (UNLOGGED, no indexes/FKs)", raw.customerRows, rawCustomers);
    row("raw COPY orders (UNLOGGED, no indexes/FKs)", raw.orderRows, rawOrders);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "COPY seconds are summed over %d writers. Generating CSV: %.1f s of CPU (summed);"
            + " commits %.1f s; ANALYZE %.1f s.%n",
        parallelism,
        stats.generateNanos.sum() / 1e9,
        stats.commitNanos.sum() / 1e9,
        stats.analyzeNanos.sum() / 1e9);
    System.out.printf(
        Locale.ROOT,
        "DemoLoadReport: %,d customers, %,d orders, %,d items, %,d reviews, %,d interactions,"
            + " %d products in %.1f s = %,.0f rows/s%n",
        report.customers(),
        report.orders(),
        report.orderItems(),
        report.reviews(),
        report.interactions(),
        report.products(),
        report.elapsed().toNanos() / 1e9,
        report.rowsPerSecond());
    System.out.printf(
        "JVM heap used during the load: max %,d MB (sampled every 50 ms; -Xmx %,d MB)%n",
        loadHeapMax >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  private static void row(String name, long rows, double seconds) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.2f | %,.0f |%n",
        name,
        rows,
        seconds,
        seconds > 0 ? rows / seconds : 0);
  }

  /** COPYs pre-rendered rows into a fresh UNLOGGED copy of {@code table}; returns seconds. */
  private static double rawCopy(
      PGSimpleDataSource dataSource, DemoTable table, List<byte[]> blocks, long rows)
      throws SQLException {
    String raw = "bench_raw_" + table.table;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists " + raw);
      statement.execute(
          "create unlogged table " + raw + " (like " + table.table + " including defaults)");
      CopyIn in =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(table.copySql.replace("COPY " + table.table + " ", "COPY " + raw + " "));
      long started = System.nanoTime();
      try {
        for (byte[] block : blocks) {
          in.writeToCopy(block, 0, block.length);
        }
        long copied = in.endCopy();
        if (copied != rows) {
          throw new IllegalStateException("Raw COPY wrote " + copied + " rows, expected " + rows);
        }
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
      return (System.nanoTime() - started) / 1e9;
    }
  }

  /** All customer and order CSV of a spec, as rendered by the loader, held in memory. */
  private record RawCsv(
      List<byte[]> customers, long customerRows, List<byte[]> orders, long orderRows) {

    static RawCsv render(DemoStoreSpec spec, int chunkSize) {
      CustomerGenerator generator =
          new CustomerGenerator(spec.seed(), spec.customers(), spec.now());
      ChunkBuffers buffers = new ChunkBuffers(chunkSize);
      List<byte[]> customers = new ArrayList<>();
      List<byte[]> orders = new ArrayList<>();
      long customerRows = 0;
      long orderRows = 0;
      for (int from = 0; from < spec.customers(); from += chunkSize) {
        buffers.clear();
        int to = (int) Math.min(spec.customers(), (long) from + chunkSize);
        for (int index = from; index < to; index++) {
          generator.generate(index, buffers);
        }
        customers.add(copyOf(buffers.buffer(DemoTable.CUSTOMERS)));
        orders.add(copyOf(buffers.buffer(DemoTable.ORDERS)));
        customerRows += buffers.rows(DemoTable.CUSTOMERS);
        orderRows += buffers.rows(DemoTable.ORDERS);
      }
      return new RawCsv(customers, customerRows, orders, orderRows);
    }

    private static byte[] copyOf(CsvBuffer buffer) {
      return Arrays.copyOf(buffer.array(), buffer.length());
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** Samples used heap on a daemon thread; {@link #stop} returns the maximum seen. */
  private static final class HeapSampler {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    private HeapSampler() {
      thread =
          Thread.ofPlatform()
              .daemon(true)
              .name("heap-sampler")
              .start(
                  () -> {
                    while (running) {
                      max.accumulateAndGet(usedHeap(), Math::max);
                      try {
                        Thread.sleep(50);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    static HeapSampler start() {
      return new HeapSampler();
    }

    long stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
      return Math.max(max.get(), usedHeap());
    }
  }
}
