package com.oxidly.domain.query;

import com.oxidly.domain.time.StoreTimeZone;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs customer queries in PostgreSQL, the source of truth. This is the reference every other
 * executor is tested against, and the fallback for conditions an index cannot answer exactly.
 */
@Service
public class PostgresCustomerQueries {

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final StoreTimeZone storeZone;

  public PostgresCustomerQueries(
      NamedParameterJdbcTemplate jdbc, Clock clock, StoreTimeZone storeZone) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.storeZone = storeZone;
  }

  /**
   * A compiled condition to embed in SQL of one's own.
   *
   * @param sql a boolean SQL expression over the customers table aliased {@code c}
   * @param parameters its named parameters
   */
  public record Condition(String sql, Map<String, Object> parameters) {}

  /** {@code query} as a SQL condition on {@code customers c}, with exactly its semantics. */
  public Condition condition(CustomerQuery query) {
    var condition = PostgresQueryCompiler.compile(query, clock, storeZone.zone());
    return new Condition(condition.sql(), condition.parameters().getValues());
  }

  /** Number of customers matching {@code query}. */
  public long count(CustomerQuery query) {
    var condition = PostgresQueryCompiler.compile(query, clock, storeZone.zone());
    Long count =
        jdbc.queryForObject(
            "select count(*) from customers c where " + condition.sql(),
            condition.parameters(),
            Long.class);
    return count == null ? 0 : count;
  }

  /** Whether one customer matches {@code query} now; false for an unknown customer. */
  public boolean matches(CustomerQuery query, UUID customerUuid) {
    var condition = PostgresQueryCompiler.compile(query, clock, storeZone.zone());
    Boolean matches =
        jdbc.queryForObject(
            "select exists (select 1 from customers c where c.customer_uuid = :oxidlyCustomer and "
                + condition.sql()
                + ")",
            condition.parameters().addValue("oxidlyCustomer", customerUuid),
            Boolean.class);
    return Boolean.TRUE.equals(matches);
  }

  /**
   * The value a customer's field must reach to be in {@code top}: the k-th highest value (see
   * {@link CustomerQuery.TopPercent}); empty when no customer has a value.
   */
  public Optional<BigDecimal> topPercentCut(CustomerQuery.TopPercent top) {
    var query = PostgresQueryCompiler.topPercentCutQuery(top);
    List<BigDecimal> cut = jdbc.queryForList(query.sql(), query.parameters(), BigDecimal.class);
    return cut.isEmpty() || cut.getFirst() == null ? Optional.empty() : Optional.of(cut.getFirst());
  }

  /**
   * Uuids of the customers with at least one counted order in the window of {@code aggregate} whose
   * aggregate there satisfies its comparison, in uuid order: {@link #matchingIds} of {@code
   * aggregate and "a counted order in the window"}, in one grouped pass over the window's orders.
   *
   * @param aggregate a {@link CustomerQuery.Spent}, {@link CustomerQuery.OrderCount} or {@link
   *     CustomerQuery.AverageOrderValue} with a window
   * @throws IllegalArgumentException for any other condition
   */
  public List<UUID> withOrdersInWindow(CustomerQuery aggregate) {
    var query = PostgresQueryCompiler.withOrdersInWindowQuery(aggregate, clock, storeZone.zone());
    return jdbc.queryForList(query.sql(), query.parameters(), UUID.class);
  }

  /** Uuids of all customers matching {@code query}, in uuid order. */
  public List<UUID> matchingIds(CustomerQuery query) {
    var condition = PostgresQueryCompiler.compile(query, clock, storeZone.zone());
    return jdbc.queryForList(
        "select c.customer_uuid from customers c where "
            + condition.sql()
            + " order by c.customer_uuid",
        condition.parameters(),
        UUID.class);
  }
}
