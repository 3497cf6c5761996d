package com.oxidly.domain.importing;

import java.util.List;

/** One bad value of one row: stored in {@code import_rejections}. */
record Rejection(long rowNumber, String column, String reason, List<String> raw) {

  /** The column name used for problems of the row as a whole, such as a wrong number of cells. */
  static final String WHOLE_ROW = "(row)";
}
