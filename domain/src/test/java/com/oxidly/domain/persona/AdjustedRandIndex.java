package com.oxidly.domain.persona;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index (Hubert and Arabie 1985) of two labelings of the same items: 1 when they
 * group the items identically (whatever the label names), about 0 for chance agreement.
 */
final class AdjustedRandIndex {

  private AdjustedRandIndex() {}

  static <A, B> double of(A[] truth, B[] found) {
    if (truth.length != found.length) {
      throw new IllegalArgumentException("labelings of different lengths");
    }
    Map<A, Map<B, Long>> table = new HashMap<>();
    Map<A, Long> rows = new HashMap<>();
    Map<B, Long> columns = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      table.computeIfAbsent(truth[i], k -> new HashMap<>()).merge(found[i], 1L, Long::sum);
      rows.merge(truth[i], 1L, Long::sum);
      columns.merge(found[i], 1L, Long::sum);
    }
    double index = 0;
    for (Map<B, Long> row : table.values()) {
      for (long n : row.values()) {
        index += pairs(n);
      }
    }
    double rowPairs = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double columnPairs = columns.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double expected = rowPairs * columnPairs / pairs(truth.length);
    double maximum = (rowPairs + columnPairs) / 2;
    return maximum == expected ? 1 : (index - expected) / (maximum - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
