package com.oxidly.domain.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What else the machine is doing while a benchmark runs: figures taken on a shared machine are only
 * meaningful next to its load, and CPU time tells what wall time inflated by waiting does not.
 */
public final class Machine {

  private Machine() {}

  /** The 1, 5 and 15 minute load averages as {@code uptime} prints them, and the core count. */
  public static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "load average "
          + parts[0]
          + ", "
          + parts[1]
          + ", "
          + parts[2]
          + " on "
          + Runtime.getRuntime().availableProcessors()
          + " cores";
    } catch (IOException e) {
      return "load average unknown (" + e.getMessage() + ")";
    }
  }

  /** CPU time this JVM has used so far, all threads. */
  public static Duration processCpu() {
    return Duration.ofNanos(
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime());
  }

  /**
   * CPU time used so far by the child processes of this JVM (a local Elasticsearch node), zero when
   * there are none or the system does not tell.
   */
  public static Duration childrenCpu() {
    return ProcessHandle.current()
        .descendants()
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** A line saying when and under which load a benchmark ran. */
  public static String stamp(String what) {
    return String.format(Locale.ROOT, "%s at %s, %s", what, Instant.now(), load());
  }
}
