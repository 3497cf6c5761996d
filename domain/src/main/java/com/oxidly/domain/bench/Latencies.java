package com.oxidly.domain.bench;

import java.util.Arrays;

/** Durations of repeated operations, in nanoseconds, and their percentiles. */
public final class Latencies {

  private long[] nanos = new long[256];
  private int count;

  public void add(long durationNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = durationNanos;
  }

  /** Adds all of {@code other}'s samples. */
  public void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      add(other.nanos[i]);
    }
  }

  public int count() {
    return count;
  }

  /**
   * The {@code p}-th percentile in milliseconds by the nearest-rank method (the smallest sample
   * that at least p % of samples do not exceed); NaN without samples.
   */
  public double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  public double p50() {
    return percentileMillis(50);
  }

  public double p99() {
    return percentileMillis(99);
  }

  public double maxMillis() {
    return percentileMillis(100);
  }

  public double meanMillis() {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += nanos[i];
    }
    return count == 0 ? Double.NaN : sum / 1e6 / count;
  }
}
