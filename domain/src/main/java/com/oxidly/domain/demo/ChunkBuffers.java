package com.oxidly.domain.demo;

import java.util.Arrays;

/**
 * The CSV of one chunk, one reusable buffer per table, with row counts. A loader thread owns one
 * instance and refills it chunk after chunk, which is what keeps memory flat however large the
 * store.
 */
final class ChunkBuffers {

  private final CsvBuffer[] buffers = new CsvBuffer[DemoTable.values().length];
  private final long[] rows = new long[DemoTable.values().length];

  ChunkBuffers(int customersPerChunk) {
    for (DemoTable table : DemoTable.values()) {
      long estimate = (long) table.bytesPerCustomer * customersPerChunk;
      buffers[table.ordinal()] = new CsvBuffer((int) Math.min(estimate, 64L << 20));
    }
  }

  CsvBuffer buffer(DemoTable table) {
    return buffers[table.ordinal()];
  }

  /** Marks the end of a row of {@code table}. */
  void endRow(DemoTable table) {
    buffers[table.ordinal()].endRow();
    rows[table.ordinal()]++;
  }

  long rows(DemoTable table) {
    return rows[table.ordinal()];
  }

  void clear() {
    for (CsvBuffer buffer : buffers) {
      buffer.clear();
    }
    Arrays.fill(rows, 0);
  }
}
