package com.oxidly.domain.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Writes the good rows of a chunk into one table, set-based: a handful of statements per chunk
 * whatever its size, each taking the rows as parallel {@code text[]} arrays through {@code unnest}.
 *
 * <p>Per round of distinct keys: lock the rows that exist ({@code for no key update}, in key order
 * so that chunks applied in parallel cannot deadlock), update those whose values differ ({@code IS
 * DISTINCT FROM}, so an unchanged row is not written and counts as unchanged), and insert the
 * others with {@code on conflict do nothing}. A row another transaction inserted in between is then
 * locked and updated. Updating and inserting separately, rather than one {@code on conflict do
 * update}, is what lets an empty cell keep the stored value of a column that cannot be empty while
 * a new row gets the default (PostgreSQL checks NOT NULL before it looks for a conflict).
 *
 * <p>A key that occurs several times in a chunk is written once per occurrence, in file order
 * (rounds), exactly as if the rows had been applied one by one.
 */
final class TableWriter {

  /** How many times a round is retried when concurrent inserts keep taking its keys. */
  private static final int ATTEMPTS = 3;

  enum Outcome {
    INSERTED,
    UPDATED,
    UNCHANGED
  }

  /**
   * One row to write.
   *
   * @param key the natural key as one string (parts joined with NUL, which no cell can contain)
   * @param update input name -> text for the update; null for a keep-column means "keep"
   * @param insert input name -> text for the insert, defaults filled in
   */
  record Prepared(Row row, String key, Map<String, String> update, Map<String, String> insert) {}

  /** A written row; {@code before} holds the locked columns of the row before it changed. */
  record Written(Prepared row, Outcome outcome, Map<String, Object> before) {}

  /**
   * A column and the SQL expression of its new value. Expressions use {@code i.<input>} (text),
   * {@code t.<column>} (the stored row, in updates) and {@code p.now} (the apply instant).
   */
  record Column(String name, String expression) {}

  /**
   * What to write.
   *
   * @param keyColumns the natural key; each is also an input of that name
   * @param updateInputs the inputs the update reads
   * @param updates the columns an update sets and compares
   * @param whenChanged extra assignments of an update that changes something (updated_at, ...)
   * @param insertInputs the inputs the insert reads
   * @param inserts the columns an insert sets, key columns excluded
   * @param lockedColumns columns read when locking, handed back in {@link Written#before}
   */
  record Spec(
      String table,
      List<String> keyColumns,
      List<String> updateInputs,
      List<Column> updates,
      List<String> whenChanged,
      List<String> insertInputs,
      List<Column> inserts,
      List<String> lockedColumns) {}

  private final JdbcTemplate jdbc;
  private final Spec spec;
  private final OffsetDateTime now;
  private final String lockSql;
  private final String updateSql;
  private final String insertSql;

  TableWriter(JdbcTemplate jdbc, Spec spec, Instant now) {
    this.jdbc = jdbc;
    this.spec = spec;
    this.now = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    this.lockSql = lockSql(spec);
    this.updateSql = spec.updates().isEmpty() ? null : updateSql(spec);
    this.insertSql = insertSql(spec);
  }

  static String key(String... parts) {
    return String.join("\0", parts);
  }

  /** Writes {@code rows} and says what happened to each, in the order of {@code rows}. */
  List<Written> write(List<Prepared> rows) {
    List<Written> written = new ArrayList<>(rows.size());
    for (List<Prepared> round : rounds(rows)) {
      List<Prepared> pending = round;
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        if (attempt > ATTEMPTS) {
          throw new IllegalStateException(
              "rows of " + spec.table() + " keep being inserted concurrently; try again");
        }
        Map<String, Map<String, Object>> existing = lock(pending);
        List<Prepared> updates = new ArrayList<>();
        List<Prepared> inserts = new ArrayList<>();
        for (Prepared row : pending) {
          (existing.containsKey(row.key()) ? updates : inserts).add(row);
        }
        Set<String> changed = update(updates);
        for (Prepared row : updates) {
          written.add(
              new Written(
                  row,
                  changed.contains(row.key()) ? Outcome.UPDATED : Outcome.UNCHANGED,
                  existing.get(row.key())));
        }
        Set<String> inserted = insert(inserts);
        List<Prepared> conflicted = new ArrayList<>();
        for (Prepared row : inserts) {
          if (inserted.contains(row.key())) {
            written.add(new Written(row, Outcome.INSERTED, null));
          } else {
            conflicted.add(row);
          }
        }
        pending = conflicted;
      }
    }
    // By identity: two identical lines of a file are two rows.
    Map<Prepared, Integer> order = new IdentityHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      order.put(rows.get(i), i);
    }
    written.sort(Comparator.comparing(w -> order.get(w.row())));
    return written;
  }

  /** Splits rows so that no round has a key twice; the n-th occurrence goes to round n. */
  private static List<List<Prepared>> rounds(List<Prepared> rows) {
    List<List<Prepared>> rounds = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Prepared row : rows) {
      int round = seen.merge(row.key(), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(row);
    }
    return rounds;
  }

  private Map<String, Map<String, Object>> lock(List<Prepared> rows) {
    Map<String, Map<String, Object>> existing = new HashMap<>();
    if (rows.isEmpty()) {
      return existing;
    }
    Object[] args = new Object[spec.keyColumns().size()];
    for (int k = 0; k < args.length; k++) {
      args[k] = column(rows, spec.keyColumns().get(k), true);
    }
    jdbc.query(
        lockSql,
        (RowCallbackHandler)
            rs -> {
              Map<String, Object> before = new LinkedHashMap<>();
              for (String column : spec.lockedColumns()) {
                before.put(column, rs.getObject(column));
              }
              existing.put(keyOf(rs), before);
            },
        args);
    return existing;
  }

  private Set<String> update(List<Prepared> rows) {
    if (rows.isEmpty() || updateSql == null) {
      return Set.of();
    }
    return returningKeys(updateSql, rows, spec.updateInputs(), false);
  }

  private Set<String> insert(List<Prepared> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    return returningKeys(insertSql, rows, spec.insertInputs(), true);
  }

  private Set<String> returningKeys(
      String sql, List<Prepared> rows, List<String> inputs, boolean insert) {
    Object[] args = new Object[inputs.size() + 1];
    args[0] = now;
    for (int i = 0; i < inputs.size(); i++) {
      args[i + 1] = column(rows, inputs.get(i), insert);
    }
    Set<String> keys = new HashSet<>();
    jdbc.query(
        sql,
        (RowCallbackHandler)
            rs -> {
              keys.add(keyOf(rs));
            },
        args);
    return keys;
  }

  private static String[] column(List<Prepared> rows, String input, boolean insert) {
    String[] values = new String[rows.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = (insert ? rows.get(r).insert() : rows.get(r).update()).get(input);
    }
    return values;
  }

  private String keyOf(ResultSet rs) throws SQLException {
    String[] parts = new String[spec.keyColumns().size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = rs.getString(k + 1);
    }
    return key(parts);
  }

  private static String lockSql(Spec spec) {
    List<String> keys = spec.keyColumns();
    String selected =
        keys.stream().map(k -> "t." + k).collect(Collectors.joining(", "))
            + spec.lockedColumns().stream().map(c -> ", t." + c).collect(Collectors.joining());
    String arrays = keys.stream().map(k -> "?::text[]").collect(Collectors.joining(", "));
    return "select "
        + selected
        + " from "
        + spec.table()
        + " t where ("
        + keys.stream().map(k -> "t." + k).collect(Collectors.joining(", "))
        + ") in (select * from unnest("
        + arrays
        + ")) order by "
        + keys.stream().map(k -> "t." + k).collect(Collectors.joining(", "))
        + " for no key update of t";
  }

  private static String updateSql(Spec spec) {
    List<String> assignments = new ArrayList<>();
    for (Column column : spec.updates()) {
      assignments.add(column.name() + " = " + column.expression());
    }
    assignments.addAll(spec.whenChanged());
    return "update "
        + spec.table()
        + " t set "
        + String.join(", ", assignments)
        + " from (select ?::timestamptz as now) p, "
        + unnest(spec.updateInputs())
        + " where "
        + spec.keyColumns().stream()
            .map(k -> "t." + k + " = i." + k)
            .collect(Collectors.joining(" and "))
        + " and ("
        + spec.updates().stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "))
        + ") is distinct from ("
        + spec.updates().stream().map(Column::expression).collect(Collectors.joining(", "))
        + ") returning "
        + spec.keyColumns().stream().map(k -> "t." + k).collect(Collectors.joining(", "));
  }

  private static String insertSql(Spec spec) {
    List<String> names = new ArrayList<>(spec.keyColumns());
    List<String> values = new ArrayList<>();
    spec.keyColumns().forEach(k -> values.add("i." + k));
    for (Column column : spec.inserts()) {
      names.add(column.name());
      values.add(column.expression());
    }
    String keys = String.join(", ", spec.keyColumns());
    return "insert into "
        + spec.table()
        + " ("
        + String.join(", ", names)
        + ") select "
        + String.join(", ", values)
        + " from (select ?::timestamptz as now) p, "
        + unnest(spec.insertInputs())
        + " order by "
        + spec.keyColumns().stream().map(k -> "i." + k).collect(Collectors.joining(", "))
        + " on conflict ("
        + keys
        + ") do nothing returning "
        + keys;
  }

  private static String unnest(List<String> inputs) {
    return "unnest("
        + inputs.stream().map(i -> "?::text[]").collect(Collectors.joining(", "))
        + ") as i("
        + String.join(", ", inputs)
        + ")";
  }
}
