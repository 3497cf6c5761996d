package com.oxidly.domain.importing;

import java.util.List;

/**
 * One data record of a chunk.
 *
 * @param number spreadsheet row number (the header is row 1)
 * @param raw the cells exactly as they were in the file
 */
record Row(long number, List<String> raw, Header header) {

  /** The cell of {@code column}, stripped; null when the column is absent or the cell empty. */
  String get(String column) {
    Integer position = header.index().get(column);
    return position == null ? null : cell(position);
  }

  String cell(int position) {
    if (position >= raw.size()) {
      return null;
    }
    String value = raw.get(position).strip();
    return value.isEmpty() ? null : value;
  }

  boolean has(String column) {
    return header.has(column);
  }

  /** Whether every cell is empty: such a row carries nothing and is skipped. */
  boolean isBlank() {
    for (String cell : raw) {
      if (!cell.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
