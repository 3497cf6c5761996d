package com.oxidly.domain.bulk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a bulk action did.
 *
 * @param total customers it was applied to
 * @param changed customers it changed
 * @param unchanged customers it left as they were because they were so already (had the tag, the
 *     status, were members, had been enrolled by this run)
 * @param failed customers it could not change, by reason
 */
public record BulkOutcome(int total, int changed, int unchanged, Map<String, Integer> failed) {

  public BulkOutcome {
    failed = Map.copyOf(failed);
  }

  public int failedCount() {
    return failed.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** "12 changed, 3 already so, 2 failed (no longer exists: 2)". */
  public String summary() {
    String failures =
        failed.isEmpty()
            ? ""
            : " ("
                + failed.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "))
                + ")";
    return changed
        + " changed, "
        + unchanged
        + " already so, "
        + failedCount()
        + " failed"
        + failures;
  }

  /** Sums outcomes as a run goes chunk by chunk. */
  static final class Tally {
    private int total;
    private int changed;
    private int unchanged;
    private final Map<String, Integer> failed = new LinkedHashMap<>();

    void add(int total, int changed, int unchanged) {
      this.total += total;
      this.changed += changed;
      this.unchanged += unchanged;
    }

    void fail(String reason, int customers) {
      if (customers > 0) {
        total += customers;
        failed.merge(reason, customers, Integer::sum);
      }
    }

    BulkOutcome outcome() {
      return new BulkOutcome(total, changed, unchanged, failed);
    }
  }
}
