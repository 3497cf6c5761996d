package com.oxidly.domain.demo;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where a load's time went, per table. Written by all loader threads; COPY times are summed over
 * threads, so with several writers they add up to more than the wall-clock time.
 */
final class LoadStats {

  private final LongAdder[] rows = adders();
  private final LongAdder[] copyNanos = adders();
  final LongAdder generateNanos = new LongAdder();
  final LongAdder commitNanos = new LongAdder();
  final LongAdder productNanos = new LongAdder();
  final LongAdder analyzeNanos = new LongAdder();

  private static LongAdder[] adders() {
    LongAdder[] adders = new LongAdder[DemoTable.values().length];
    for (int i = 0; i < adders.length; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  void copied(DemoTable table, long rowCount, long nanos) {
    rows[table.ordinal()].add(rowCount);
    copyNanos[table.ordinal()].add(nanos);
  }

  long rows(DemoTable table) {
    return rows[table.ordinal()].sum();
  }

  long copyNanos(DemoTable table) {
    return copyNanos[table.ordinal()].sum();
  }
}
