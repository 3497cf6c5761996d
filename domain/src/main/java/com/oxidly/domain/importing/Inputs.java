package com.oxidly.domain.importing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The text inputs of one row for the update and for the insert of a {@link TableWriter}. */
final class Inputs {

  private final Map<String, String> update = new HashMap<>();
  private final Map<String, String> insert = new HashMap<>();

  /** The same value either way; null means NULL. */
  Inputs both(String name, Object value) {
    String text = value == null ? null : value.toString();
    update.put(name, text);
    insert.put(name, text);
    return this;
  }

  /** For a keep-column: null keeps the stored value on update; a new row gets {@code fallback}. */
  Inputs keep(String name, Object value, Object fallback) {
    update.put(name, value == null ? null : value.toString());
    insert.put(name, value == null ? fallback.toString() : value.toString());
    return this;
  }

  Inputs insertOnly(String name, Object value) {
    insert.put(name, value == null ? null : value.toString());
    return this;
  }

  /**
   * A PostgreSQL array literal of {@code values}, for an input cast with {@code ::text[]}: every
   * element quoted, with backslash and quote escaped, so any text survives.
   */
  static String textArray(List<String> values) {
    StringBuilder literal = new StringBuilder("{");
    for (String value : values) {
      if (literal.length() > 1) {
        literal.append(',');
      }
      literal.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          literal.append('\\');
        }
        literal.append(c);
      }
      literal.append('"');
    }
    return literal.append('}').toString();
  }

  TableWriter.Prepared prepare(Row row, String key) {
    return new TableWriter.Prepared(row, key, nonNull(update), nonNull(insert));
  }

  // Map.copyOf refuses null values; absent and null read the same in TableWriter.
  private static Map<String, String> nonNull(Map<String, String> values) {
    Map<String, String> copy = new HashMap<>(values);
    copy.values().removeIf(Objects::isNull);
    return Map.copyOf(copy);
  }
}
