package com.oxidly.domain.importing;

import com.oxidly.domain.importing.TableWriter.Column;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link TableWriter.Spec} of a chunk from the columns its file has: a column absent
 * from the file is neither compared nor set on update (the stored value stays), while a column in
 * the file is written as the file says.
 */
final class SpecBuilder {

  private final String table;
  private final List<String> keys = new ArrayList<>();
  private final Set<String> updateInputs = new LinkedHashSet<>();
  private final List<Column> updates = new ArrayList<>();
  private final List<String> whenChanged = new ArrayList<>();
  private final Set<String> insertInputs = new LinkedHashSet<>();
  private final List<Column> inserts = new ArrayList<>();
  private final List<String> locked = new ArrayList<>();

  SpecBuilder(String table) {
    this.table = table;
  }

  SpecBuilder key(String column) {
    keys.add(column);
    updateInputs.add(column);
    insertInputs.add(column);
    return this;
  }

  /** A column where an empty cell means NULL: {@code cast} is a SQL type or null for text. */
  SpecBuilder value(String column, String cast) {
    String expression = cast(column, cast);
    return custom(column, expression, expression, column);
  }

  /**
   * A NOT NULL column where an empty cell keeps the stored value; the insert input then carries the
   * default.
   */
  SpecBuilder keep(String column, String cast) {
    String expression = cast(column, cast);
    return custom(column, "coalesce(" + expression + ", t." + column + ")", expression, column);
  }

  /** A column whose update and insert expressions are written out. */
  SpecBuilder custom(String column, String update, String insert, String... inputs) {
    updates.add(new Column(column, update));
    inserts.add(new Column(column, insert));
    updateInputs.addAll(List.of(inputs));
    insertInputs.addAll(List.of(inputs));
    return this;
  }

  /** A column set only when a row is inserted (ids, created_at, defaults of absent columns). */
  SpecBuilder insertOnly(String column, String expression, String... inputs) {
    inserts.add(new Column(column, expression));
    insertInputs.addAll(List.of(inputs));
    return this;
  }

  /** An assignment made by every update that changes something. */
  SpecBuilder whenChanged(String assignment, String... inputs) {
    whenChanged.add(assignment);
    updateInputs.addAll(List.of(inputs));
    return this;
  }

  SpecBuilder locked(String column) {
    locked.add(column);
    return this;
  }

  TableWriter.Spec build() {
    return new TableWriter.Spec(
        table,
        List.copyOf(keys),
        List.copyOf(updateInputs),
        List.copyOf(updates),
        List.copyOf(whenChanged),
        List.copyOf(insertInputs),
        List.copyOf(inserts),
        List.copyOf(locked));
  }

  private static String cast(String column, String cast) {
    return cast == null ? "i." + column : "i." + column + "::" + cast;
  }
}
