package com.oxidly.domain.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validated header row. Known column names match case-insensitively and around spaces; {@code
 * attr_*} keep the attribute name as written, because it is the user's key.
 *
 * @param names the header as written in the file
 * @param columns the canonical name of each column, in file order: a spec name or {@code attr_}
 *     followed by the attribute key
 */
record Header(List<String> names, List<String> columns, Map<String, Integer> index) {

  static final Header EMPTY = new Header(List.of(), List.of(), Map.of());

  /**
   * Validates a header for {@code kind}.
   *
   * @throws ImportRejectedException naming every unknown, duplicate and missing column
   */
  static Header of(ImportKind kind, List<String> names) {
    List<String> columns = new ArrayList<>(names.size());
    Map<String, Integer> index = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> offending = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String column = canonical(name);
      columns.add(column);
      if (column.isEmpty()) {
        problems.add("column " + (i + 1) + " has no name");
        offending.add(name);
      } else if (column.startsWith(ImportKind.ATTRIBUTE_PREFIX)) {
        if (!kind.allowsAttributes()) {
          problems.add("column '" + name + "': attr_* columns are only allowed in customer files");
          offending.add(name);
        } else if (column.length() == ImportKind.ATTRIBUTE_PREFIX.length()) {
          problems.add("column '" + name + "' names no attribute");
          offending.add(name);
        }
      } else if (!kind.columns().contains(column)) {
        String suggestion = closest(column, kind.columns());
        problems.add(
            "unknown column '"
                + name
                + "'"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
        offending.add(name);
      }
      if (!column.isEmpty() && index.putIfAbsent(column, i) != null) {
        problems.add("duplicate column '" + name + "'");
        offending.add(name);
      }
    }
    for (String required : kind.columns()) {
      if (kind.requiredColumns().contains(required) && !index.containsKey(required)) {
        problems.add("missing required column '" + required + "'");
        offending.add(required);
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportRejectedException(
          kind.path()
              + " file rejected: "
              + String.join("; ", problems)
              + ". Allowed columns: "
              + String.join(", ", kind.columns())
              + (kind.allowsAttributes() ? ", attr_*" : "")
              + "; required: "
              + String.join(
                  ", ", kind.columns().stream().filter(kind.requiredColumns()::contains).toList()),
          List.copyOf(offending));
    }
    return new Header(List.copyOf(names), List.copyOf(columns), Map.copyOf(index));
  }

  static String canonical(String name) {
    String trimmed = name.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith(ImportKind.ATTRIBUTE_PREFIX)) {
      return ImportKind.ATTRIBUTE_PREFIX + trimmed.substring(ImportKind.ATTRIBUTE_PREFIX.length());
    }
    return lower;
  }

  boolean has(String column) {
    return index.containsKey(column);
  }

  int size() {
    return names.size();
  }

  /** The attribute columns: attribute key -> column position. */
  Map<String, Integer> attributes() {
    Map<String, Integer> attributes = new java.util.LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).startsWith(ImportKind.ATTRIBUTE_PREFIX)) {
        attributes.put(columns.get(i).substring(ImportKind.ATTRIBUTE_PREFIX.length()), i);
      }
    }
    return attributes;
  }

  /** The known column within edit distance 2 of {@code column}, to catch typos like "emial". */
  private static String closest(String column, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = distance(column, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: transpositions ("emial") count as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
