package com.oxidly.domain.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Validates the cells of one row and collects every problem, not just the first, so the user can
 * fix a row in one go. At most one reason per column: later ones are appended to it.
 */
final class RowCheck {

  private final Row row;
  private final Map<String, String> problems = new LinkedHashMap<>();

  RowCheck(Row row) {
    this.row = row;
    if (row.raw().size() != row.header().size()) {
      // The cells cannot be matched to columns, so no column is checked.
      problem(
          Rejection.WHOLE_ROW,
          "has "
              + row.raw().size()
              + (row.raw().size() == 1 ? " cell" : " cells")
              + " but the header has "
              + row.header().size()
              + " columns");
    }
  }

  /** Whether the row has as many cells as the header; if not, it is rejected as a whole. */
  boolean aligned() {
    return row.raw().size() == row.header().size();
  }

  /** The stripped cell, or null when empty or absent; no other check. */
  String text(String column) {
    return row.get(column);
  }

  /** The stripped cell; a problem when it is empty. */
  String requiredText(String column) {
    String value = row.get(column);
    if (value == null && row.has(column)) {
      problem(column, "is required");
    }
    return value;
  }

  /** The parsed cell, or null when empty or absent, or when it is bad (then a problem). */
  <T> T optional(String column, Function<String, T> parse) {
    String value = row.get(column);
    return value == null ? null : parse(column, value, parse);
  }

  /** The parsed cell; a problem when it is empty or bad. */
  <T> T required(String column, Function<String, T> parse) {
    String value = requiredText(column);
    return value == null ? null : parse(column, value, parse);
  }

  private <T> T parse(String column, String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (InvalidValue e) {
      problem(column, e.getMessage());
      return null;
    }
  }

  void problem(String column, String reason) {
    problems.merge(column, reason, (a, b) -> a + "; " + b);
  }

  boolean ok() {
    return problems.isEmpty();
  }

  List<Rejection> rejections() {
    List<Rejection> rejections = new ArrayList<>(problems.size());
    problems.forEach(
        (column, reason) -> rejections.add(new Rejection(row.number(), column, reason, row.raw())));
    return rejections;
  }
}
