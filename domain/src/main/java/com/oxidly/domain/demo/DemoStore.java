package com.oxidly.domain.demo;

import com.oxidly.domain.demo.Catalog.Product;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Generates a believable, seeded demo store (customers, products, orders, reviews, interactions,
 * consent events) and bulk-loads it into PostgreSQL with COPY.
 *
 * <p>Customers are written in chunks; each chunk is one transaction on one connection (customers
 * first, then the rows that reference them) and is rendered into buffers that are reused, so memory
 * stays flat whatever the size. Several chunks are loaded in parallel. One million customers with
 * about six million orders take minutes.
 *
 * <p>The data depends only on the {@link DemoStoreSpec}: the same spec gives the same rows,
 * whatever the chunking or parallelism. The only exception is {@code consent_events.id}, an
 * identity that PostgreSQL assigns in insertion order. Customer ids are UUIDv7 carrying the signup
 * instant, and customers sign up in index order, so every index on customer_uuid is filled
 * append-mostly rather than at random places, which matters once those indexes outgrow the buffer
 * cache.
 */
@Service
public class DemoStore {

  private static final Logger log = LoggerFactory.getLogger(DemoStore.class);

  static final int DEFAULT_CHUNK_SIZE = 10_000;

  /** Serialises loads across application nodes: "OXDEMO" in ASCII. */
  static final long ADVISORY_LOCK_KEY = 0x4F58_4445_4D4FL;

  private final DataSource dataSource;
  private final int chunkSize;
  private final int parallelism;

  /**
   * @param dataSource the application's PostgreSQL database, already migrated; a load uses up to
   *     {@code min(4, CPUs)} connections at once, plus one more in {@link #loadIfEmpty}
   */
  @Autowired
  public DemoStore(DataSource dataSource) {
    this(dataSource, DEFAULT_CHUNK_SIZE, defaultParallelism());
  }

  DemoStore(DataSource dataSource, int chunkSize, int parallelism) {
    if (chunkSize < 1 || parallelism < 1) {
      throw new IllegalArgumentException("chunkSize and parallelism must be positive");
    }
    this.dataSource = dataSource;
    this.chunkSize = chunkSize;
    this.parallelism = parallelism;
  }

  private static int defaultParallelism() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Generates the store described by {@code spec} and writes it, then records it in {@code
   * demo_loads}. Products that already exist (by SKU) are kept as they are.
   *
   * <p>Holds the same advisory lock as {@link #loadIfEmpty}, so the two never interleave.
   *
   * <p>Not idempotent: loading the same spec twice fails on duplicate keys. If a load fails, the
   * chunks it had committed are deleted again before the exception is thrown, so a failed load
   * leaves at most the products behind (and not even those unless something references them). Use
   * {@link #loadIfEmpty} at start-up.
   *
   * @param progress told after every committed chunk; what it throws aborts the load and is
   *     rethrown
   * @return what was written and how long it took
   * @throws IllegalStateException when the database rejects the load, with the cause attached
   */
  public DemoLoadReport load(DemoStoreSpec spec, DemoLoadProgress progress) {
    return load(spec, progress, new LoadStats());
  }

  DemoLoadReport load(DemoStoreSpec spec, DemoLoadProgress progress, LoadStats stats) {
    return underLock(connection -> loadAndRecord(spec, progress, stats, connection)).orElseThrow();
  }

  /**
   * Loads the demo store only into an empty database: when {@code demo_loads} has no row and {@code
   * customers} is empty. Idempotent and safe to call from every node at start-up: a PostgreSQL
   * advisory transaction lock makes concurrent callers wait for the one that loads, and they then
   * find the store loaded and return empty. A store with real customers is never touched.
   *
   * @return the report when this call loaded the store, empty when it was loaded already or holds
   *     data of its own
   * @throws IllegalStateException when the database rejects the load, with the cause attached
   */
  public Optional<DemoLoadReport> loadIfEmpty(DemoStoreSpec spec, DemoLoadProgress progress) {
    return underLock(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            if (hasRow(statement, "select 1 from demo_loads limit 1")
                || hasRow(statement, "select 1 from customers limit 1")) {
              return null;
            }
          }
          return loadAndRecord(spec, progress, new LoadStats(), connection);
        });
  }

  private interface LockedWork {
    /** Returns the report, or null when there was nothing to do. */
    DemoLoadReport run(Connection locked) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction holding the demo-store advisory lock, so that two loads
   * (from two nodes, or a load and a loadIfEmpty) never interleave. PostgreSQL releases the lock
   * when the transaction ends, right after the demo_loads row is committed.
   */
  private Optional<DemoLoadReport> underLock(LockedWork work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        try (Statement statement = connection.createStatement()) {
          statement.execute("select pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
          // This transaction idles while other connections load; the server must not end it.
          statement.execute("set local idle_in_transaction_session_timeout = 0");
        }
        DemoLoadReport report = work.run(connection);
        connection.commit();
        return Optional.ofNullable(report);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not load the demo store: " + e.getMessage(), e);
    }
  }

  private static boolean hasRow(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      return rows.next();
    }
  }

  /** Writes everything; the demo_loads row goes through {@code bookkeeping}, in its transaction. */
  private DemoLoadReport loadAndRecord(
      DemoStoreSpec spec, DemoLoadProgress progress, LoadStats stats, Connection bookkeeping)
      throws SQLException {
    long started = System.nanoTime();
    List<String> insertedSkus = writeProducts(spec.now(), stats);
    List<Integer> committed = new ArrayList<>();
    try {
      writeCustomers(spec, progress, stats, committed);
      long analyzeStarted = System.nanoTime();
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        connection.setAutoCommit(true);
        // Fresh statistics, so the first demo queries do not plan against empty tables.
        statement.execute(
            "analyze customers, consent_events, products, orders, order_items, reviews,"
                + " interactions");
      }
      stats.analyzeNanos.add(System.nanoTime() - analyzeStarted);
      try (PreparedStatement insert =
          bookkeeping.prepareStatement(
              "insert into demo_loads (seed, customers, orders, loaded_at) values (?, ?, ?, ?)")) {
        insert.setLong(1, spec.seed());
        insert.setInt(2, spec.customers());
        insert.setLong(3, stats.rows(DemoTable.ORDERS));
        insert.setObject(4, OffsetDateTime.ofInstant(spec.now(), ZoneOffset.UTC));
        insert.executeUpdate();
      }
    } catch (SQLException | RuntimeException e) {
      removePartialLoad(spec, committed, insertedSkus, e);
      throw e;
    }
    DemoLoadReport report =
        new DemoLoadReport(
            (int) stats.rows(DemoTable.CUSTOMERS),
            stats.rows(DemoTable.ORDERS),
            stats.rows(DemoTable.ORDER_ITEMS),
            stats.rows(DemoTable.REVIEWS),
            stats.rows(DemoTable.INTERACTIONS),
            Catalog.PRODUCTS.size(),
            Duration.ofNanos(System.nanoTime() - started));
    log.info(
        "Loaded demo store (seed {}): {} customers, {} orders, {} items, {} reviews, {}"
            + " interactions in {} ms ({} rows/s)",
        spec.seed(),
        report.customers(),
        report.orders(),
        report.orderItems(),
        report.reviews(),
        report.interactions(),
        report.elapsed().toMillis(),
        Math.round(report.rowsPerSecond()));
    return report;
  }

  /** Inserts the catalogue, keeping products that already exist; returns the SKUs it inserted. */
  private List<String> writeProducts(Instant now, LoadStats stats) throws SQLException {
    long started = System.nanoTime();
    List<String> inserted = new ArrayList<>();
    long nowSecond = now.getEpochSecond();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into products (sku, name, category, price, brand, active, created_at,"
                  + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (sku) do nothing")) {
        List<Product> products = Catalog.PRODUCTS;
        for (int i = 0; i < products.size(); i++) {
          Product product = products.get(i);
          // The catalogue predates the oldest signup; discontinued items changed later.
          long created = nowSecond - CustomerGenerator.SIGNUP_SPAN - (30 + i % 90) * Timestamps.DAY;
          long updated = product.active() ? created : nowSecond - (60 + i % 120) * Timestamps.DAY;
          insert.setString(1, product.sku());
          insert.setString(2, product.name());
          insert.setString(3, product.category().label);
          insert.setBigDecimal(4, BigDecimal.valueOf(product.priceCents(), 2));
          insert.setString(5, product.brand());
          insert.setBoolean(6, product.active());
          insert.setObject(
              7, OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC));
          insert.setObject(
              8, OffsetDateTime.ofInstant(Instant.ofEpochSecond(updated), ZoneOffset.UTC));
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] > 0) {
            inserted.add(products.get(i).sku());
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    stats.productNanos.add(System.nanoTime() - started);
    return inserted;
  }

  private void writeCustomers(
      DemoStoreSpec spec, DemoLoadProgress progress, LoadStats stats, List<Integer> committed)
      throws SQLException {
    int total = spec.customers();
    int chunks = (int) ((total + (long) chunkSize - 1) / chunkSize);
    if (chunks == 0) {
      return;
    }
    int workers = Math.min(parallelism, chunks);
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int[] done = {0};
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers, Thread.ofPlatform().name("demo-store-loader-", 1).daemon(true).factory());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    loadChunks(
                        spec,
                        stats,
                        nextChunk,
                        chunks,
                        failure,
                        committed,
                        chunk -> {
                          synchronized (done) {
                            done[0] += Math.min(chunkSize, total - chunk * chunkSize);
                            progress.loaded(done[0], total);
                          }
                        });
                  } catch (Throwable e) {
                    if (!failure.compareAndSet(null, e)) {
                      failure.get().addSuppressed(e);
                    }
                  }
                  return null;
                }));
      }
      // Wait for every loader, even when interrupted: cleanup must not race a running commit.
      boolean interrupted = false;
      for (Future<?> future : futures) {
        while (true) {
          try {
            future.get();
            break;
          } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
            break;
          } catch (InterruptedException e) {
            interrupted = true;
            failure.compareAndSet(null, e);
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    } finally {
      pool.shutdownNow();
    }
    Throwable error = failure.get();
    if (error instanceof SQLException sql) {
      throw sql;
    } else if (error instanceof RuntimeException runtime) {
      throw runtime;
    } else if (error instanceof Error fatal) {
      throw fatal;
    } else if (error != null) {
      throw new IllegalStateException("Demo store loader failed", error);
    }
  }

  private interface ChunkDone {
    void committed(int chunk);
  }

  /** One loader thread: takes chunks until none are left or another thread failed. */
  private void loadChunks(
      DemoStoreSpec spec,
      LoadStats stats,
      AtomicInteger nextChunk,
      int chunks,
      AtomicReference<Throwable> failure,
      List<Integer> committed,
      ChunkDone chunkDone)
      throws SQLException {
    CustomerGenerator generator = new CustomerGenerator(spec.seed(), spec.customers(), spec.now());
    ChunkBuffers buffers = new ChunkBuffers(chunkSize);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      try {
        while (failure.get() == null) {
          int chunk = nextChunk.getAndIncrement();
          if (chunk >= chunks) {
            break;
          }
          int from = chunk * chunkSize;
          int to = (int) Math.min(spec.customers(), (long) from + chunkSize);
          buffers.clear();
          long generateStarted = System.nanoTime();
          for (int index = from; index < to; index++) {
            generator.generate(index, buffers);
          }
          stats.generateNanos.add(System.nanoTime() - generateStarted);
          try {
            // A full index rebuild follows every demo load, so the per-change index log is
            // skipped: queuing millions of customers twice would only slow both down.
            try (var skip = connection.createStatement()) {
              skip.execute("set local oxidly.skip_index_outbox = 'on'");
            }
            for (DemoTable table : DemoTable.values()) {
              copy(copy, table, buffers, stats);
            }
            long commitStarted = System.nanoTime();
            connection.commit();
            stats.commitNanos.add(System.nanoTime() - commitStarted);
          } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
          }
          synchronized (committed) {
            committed.add(chunk);
          }
          chunkDone.committed(chunk);
        }
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void copy(CopyManager copy, DemoTable table, ChunkBuffers buffers, LoadStats stats)
      throws SQLException {
    long expected = buffers.rows(table);
    if (expected == 0) {
      return;
    }
    CsvBuffer csv = buffers.buffer(table);
    long started = System.nanoTime();
    CopyIn in = copy.copyIn(table.copySql);
    try {
      in.writeToCopy(csv.array(), 0, csv.length());
      long rows = in.endCopy();
      if (rows != expected) {
        throw new IllegalStateException(
            "COPY " + table.table + " wrote " + rows + " rows, expected " + expected);
      }
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
    stats.copied(table, expected, System.nanoTime() - started);
  }

  /**
   * Deletes what a failed load had committed: the customers of committed chunks (their orders,
   * reviews, ... go with them through ON DELETE CASCADE) and inserted products nothing refers to.
   */
  private void removePartialLoad(
      DemoStoreSpec spec, List<Integer> committed, List<String> insertedSkus, Exception failure) {
    List<Integer> chunks;
    synchronized (committed) {
      chunks = List.copyOf(committed);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (PreparedStatement delete =
          connection.prepareStatement("delete from customers where customer_uuid = any(?)")) {
        for (int chunk : chunks) {
          int from = chunk * chunkSize;
          int to = (int) Math.min(spec.customers(), (long) from + chunkSize);
          UUID[] uuids = new UUID[to - from];
          for (int index = from; index < to; index++) {
            uuids[index - from] =
                CustomerGenerator.customerUuid(spec.seed(), spec.customers(), spec.now(), index);
          }
          delete.setArray(1, connection.createArrayOf("uuid", uuids));
          delete.executeUpdate();
        }
      }
      if (!insertedSkus.isEmpty()) {
        try (PreparedStatement delete =
            connection.prepareStatement(
                "delete from products p where p.sku = any(?)"
                    + " and not exists (select 1 from order_items i where i.sku = p.sku)"
                    + " and not exists (select 1 from reviews r where r.sku = p.sku)")) {
          delete.setArray(1, connection.createArrayOf("text", insertedSkus.toArray()));
          delete.executeUpdate();
        }
      }
      log.warn(
          "Demo load (seed {}) failed; removed the {} chunks it had committed",
          spec.seed(),
          chunks.size());
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      log.error("Demo load failed and its partial data could not be removed", e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
