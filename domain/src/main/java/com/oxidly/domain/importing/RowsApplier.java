package com.oxidly.domain.importing;

import java.util.List;

/** Checks and writes the rows of one chunk of one kind, inside the chunk's transaction. */
interface RowsApplier {

  /**
   * @param rows the chunk's rows that are not blank and have one cell per column
   */
  void apply(ChunkContext context, List<Row> rows);
}
