package com.oxidly.domain.exporting;

import com.oxidly.domain.importing.ImportKind;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the data exchange format (shared/specs/import-format.md) from PostgreSQL: the same columns
 * an import takes, so an export imported again changes nothing. Rows stream through a server-side
 * cursor inside one read-only transaction (one consistent snapshot, flat memory however many rows
 * there are). Customer-owned rows (orders, items, reviews, interactions) can be limited to the
 * customers matching a {@link CustomerQuery}, evaluated exactly in PostgreSQL.
 */
@Service
public class CsvExport {

  /** Rows fetched per round trip from the cursor. */
  static final int FETCH_SIZE = 2_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final PostgresCustomerQueries queries;

  CsvExport(
      DataSource dataSource, TransactionTemplate transactions, PostgresCustomerQueries queries) {
    JdbcTemplate streaming = new JdbcTemplate(dataSource);
    streaming.setFetchSize(FETCH_SIZE);
    this.jdbc = new NamedParameterJdbcTemplate(streaming);
    this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
    this.readOnly.setReadOnly(true);
    this.queries = queries;
  }

  /**
   * Checks and compiles an export, before anything is written, so a bad request can still be
   * answered with an error instead of a broken file.
   *
   * @param customers which customers' data to write; null or {@link CustomerQuery.All} for all.
   *     Products belong to no customer and must not be filtered.
   * @throws IllegalArgumentException when products are asked for with a customer filter
   */
  public Prepared prepare(ImportKind kind, CustomerQuery customers) {
    CustomerQuery filter = customers == null ? new CustomerQuery.All() : customers;
    if (kind == ImportKind.PRODUCTS && !(filter instanceof CustomerQuery.All)) {
      throw new IllegalArgumentException(
          "products belong to no customer and cannot be filtered by a customer query");
    }
    return new Prepared(kind, queries.condition(filter));
  }

  /** An export ready to be written. */
  public final class Prepared {

    private final ImportKind kind;
    private final PostgresCustomerQueries.Condition condition;

    private Prepared(ImportKind kind, PostgresCustomerQueries.Condition condition) {
      this.kind = kind;
      this.condition = condition;
    }

    /**
     * Writes a header and every row, flushing as it goes.
     *
     * @param progress called with the number of rows written so far, every {@value #FETCH_SIZE}
     *     rows; may be null
     * @return the number of data rows written
     * @throws UncheckedIOException when the writer fails (typically: the client went away)
     */
    public long writeTo(Writer out, LongConsumer progress) {
      Long rows = readOnly.execute(status -> write(kind, condition, out, progress));
      return rows == null ? 0 : rows;
    }
  }

  private long write(
      ImportKind kind,
      PostgresCustomerQueries.Condition condition,
      Writer out,
      LongConsumer progress) {
    List<String> attributes = kind == ImportKind.CUSTOMERS ? attributeKeys(condition) : List.of();
    List<String> header = new ArrayList<>(kind.columns());
    attributes.forEach(key -> header.add(ImportKind.ATTRIBUTE_PREFIX + key));
    try {
      CSVPrinter printer =
          CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(out);
      long[] written = {0};
      jdbc.query(
          select(kind, condition.sql()),
          new MapSqlParameterSource(condition.parameters()),
          rs -> {
            printRow(printer, kind, attributes, rs);
            if (++written[0] % FETCH_SIZE == 0) {
              flush(printer);
              if (progress != null) {
                progress.accept(written[0]);
              }
            }
          });
      printer.flush();
      return written[0];
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the export", e);
    }
  }

  private List<String> attributeKeys(PostgresCustomerQueries.Condition condition) {
    return jdbc.queryForList(
        "select distinct k from customers c, jsonb_object_keys(c.attributes) k where "
            + condition.sql()
            + " order by k",
        new MapSqlParameterSource(condition.parameters()),
        String.class);
  }

  private static String select(ImportKind kind, String customerCondition) {
    String owned =
        " join customers c on c.customer_uuid = %s.customer_uuid where " + customerCondition;
    return switch (kind) {
      case CUSTOMERS ->
          "select c.email, c.first_name, c.last_name, c.phone, c.year_of_birth, c.country,"
              + " c.city, c.address, c.postal_code, c.time_zone, c.status, c.language,"
              + " c.signup_date, c.email_opt_in, c.sms_opt_in, c.push_opt_in,"
              + " array_to_string(c.tags, ';'), c.acquisition_channel, c.referred_by,"
              + " c.attributes::text from customers c where "
              + customerCondition
              + " order by c.email";
      case PRODUCTS ->
          "select sku, name, category, price, brand, active from products order by sku";
      case ORDERS ->
          "select o.order_id, c.email, o.ordered_at, o.status, o.total, o.currency,"
              + " o.referral_code, o.coupon_code from orders o"
              + owned.formatted("o")
              + " order by o.order_id";
      case ORDER_ITEMS ->
          "select i.order_id, i.sku, i.quantity, i.unit_price from order_items i"
              + " join orders o on o.order_id = i.order_id"
              + owned.formatted("o")
              + " order by i.order_id, i.sku";
      case REVIEWS ->
          "select r.review_id, c.email, r.sku, r.rating, r.title, r.body, r.created_at"
              + " from reviews r"
              + owned.formatted("r")
              + " order by r.review_id";
      case INTERACTIONS ->
          "select x.interaction_id, c.email, x.type, x.channel, x.subject, x.body, x.status,"
              + " x.created_at from interactions x"
              + owned.formatted("x")
              + " order by x.interaction_id";
    };
  }

  private static void printRow(
      CSVPrinter printer, ImportKind kind, List<String> attributes, ResultSet rs)
      throws SQLException {
    int columns = kind.columns().size();
    List<String> cells = new ArrayList<>(columns + attributes.size());
    for (int i = 1; i <= columns; i++) {
      cells.add(cell(rs.getObject(i)));
    }
    if (!attributes.isEmpty()) {
      Map<?, ?> values = JSON.readValue(rs.getString(columns + 1), Map.class);
      for (String key : attributes) {
        cells.add(cell(values.get(key)));
      }
    }
    try {
      printer.printRecord(cells);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the export", e);
    }
  }

  /** A value as the import format spells it: ISO-8601 UTC instants, plain decimals, true/false. */
  private static String cell(Object value) {
    return switch (value) {
      case null -> null;
      case OffsetDateTime time -> time.toInstant().toString();
      case java.sql.Timestamp time -> time.toInstant().toString();
      case BigDecimal number -> number.toPlainString();
      default -> value.toString();
    };
  }

  private static void flush(CSVPrinter printer) {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the export", e);
    }
  }
}
