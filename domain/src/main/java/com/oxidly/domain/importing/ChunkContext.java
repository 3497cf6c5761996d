package com.oxidly.domain.importing;

import com.oxidly.domain.customer.CustomerAggregates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything one chunk application needs and produces: the database, the instants, the rejections
 * and the counts.
 *
 * @param now the instant of this application (updated_at, consent changes)
 * @param importTime when the job was created: the default signup date, the same on every re-run
 */
record ChunkContext(
    JdbcTemplate jdbc,
    Header header,
    Instant now,
    Instant importTime,
    int currentYear,
    String storeCurrency,
    CustomerAggregates aggregates,
    Counts counts,
    List<Rejection> rejections) {

  ChunkContext(
      JdbcTemplate jdbc,
      Header header,
      Instant now,
      Instant importTime,
      int currentYear,
      String storeCurrency,
      CustomerAggregates aggregates) {
    this(
        jdbc,
        header,
        now,
        importTime,
        currentYear,
        storeCurrency,
        aggregates,
        new Counts(),
        new ArrayList<>());
  }

  static final class Counts {
    int inserted;
    int updated;
    int unchanged;
    int rejected;
    int skipped;
  }

  void reject(RowCheck check) {
    rejections.addAll(check.rejections());
    counts.rejected++;
  }

  void count(List<TableWriter.Written> written) {
    for (TableWriter.Written row : written) {
      switch (row.outcome()) {
        case INSERTED -> counts.inserted++;
        case UPDATED -> counts.updated++;
        case UNCHANGED -> counts.unchanged++;
      }
    }
  }

  TableWriter writer(TableWriter.Spec spec) {
    return new TableWriter(jdbc, spec, now);
  }

  /** Customer ids by (normalised) email, for the emails that exist; one query. */
  Map<String, UUID> customers(Collection<String> emails) {
    Map<String, UUID> customers = new HashMap<>();
    if (!emails.isEmpty()) {
      jdbc.query(
          "select email, customer_uuid from customers where email = any (?::text[])",
          rs -> {
            customers.put(rs.getString(1), rs.getObject(2, UUID.class));
          },
          (Object) emails.toArray(String[]::new));
    }
    return customers;
  }

  /** Which of {@code values} exist in {@code table.column} (trusted names); one query. */
  Set<String> existing(String table, String column, Collection<String> values) {
    Set<String> existing = new HashSet<>();
    if (!values.isEmpty()) {
      jdbc.query(
          "select " + column + " from " + table + " where " + column + " = any (?::text[])",
          rs -> {
            existing.add(rs.getString(1));
          },
          (Object) values.toArray(String[]::new));
    }
    return existing;
  }

  /** Parses emails that are valid, for look-ups before the rows are checked one by one. */
  static Set<String> validEmails(List<Row> rows, String column) {
    Set<String> emails = new HashSet<>();
    for (Row row : rows) {
      String value = row.get(column);
      if (value != null) {
        try {
          emails.add(Values.email(value));
        } catch (InvalidValue e) {
          // Reported when the row is checked.
        }
      }
    }
    return emails;
  }

  static Set<String> cells(List<Row> rows, String column) {
    Set<String> values = new HashSet<>();
    for (Row row : rows) {
      String value = row.get(column);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }
}
