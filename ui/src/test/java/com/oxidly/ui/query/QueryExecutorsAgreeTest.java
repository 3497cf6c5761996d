package com.oxidly.ui.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.query.TimeWindow;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.ElasticsearchCustomerQueries;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based differential test: random query trees over the demo store must give exactly the
 * same customers in Elasticsearch as in the PostgreSQL reference.
 */
@OxidlyIntegrationTest
class QueryExecutorsAgreeTest {

  static final int TREES = 2_000;

  @Autowired PostgresCustomerQueries postgres;
  @Autowired ElasticsearchCustomerQueries elasticsearch;
  @Autowired CustomerIndex index;
  @Autowired JdbcTemplate jdbc;

  @Test
  void randomTreesGiveIdenticalCustomersInBothExecutors() throws Exception {
    IndexCatchUp.await(index, jdbc);
    Vocabulary vocabulary = new Vocabulary(jdbc);
    Random random = new Random(20261115);
    JsonMapper json = JsonMapper.builder().build();
    int nonEmpty = 0;
    for (int i = 0; i < TREES; i++) {
      CustomerQuery query = new TreeGenerator(random, vocabulary).tree(3);
      Set<UUID> expected = new HashSet<>(postgres.matchingIds(query));
      Set<UUID> actual = new HashSet<>(elasticsearch.matchingIds(query));
      assertThat(actual)
          .as("tree %d: %s%n%s", i, ReadableQuery.render(query), json.writeValueAsString(query))
          .isEqualTo(expected);
      assertThat(elasticsearch.count(query)).isEqualTo(expected.size());
      if (!expected.isEmpty() && expected.size() < 300) {
        nonEmpty++;
      }
    }
    // Trees that select some but not all customers are what make agreement meaningful.
    assertThat(nonEmpty).isGreaterThan(TREES / 3);
  }

  /** Real values from the store, so conditions select real customers. */
  record Vocabulary(
      List<String> cities,
      List<String> countries,
      List<String> lastNames,
      List<String> firstNames,
      List<String> domains,
      List<String> productWords,
      List<String> tags) {
    Vocabulary(JdbcTemplate jdbc) {
      this(
          jdbc.queryForList(
              "select distinct city from customers where city is not null", String.class),
          jdbc.queryForList(
              "select distinct country from customers where country is not null", String.class),
          jdbc.queryForList(
              "select distinct last_name from customers where last_name is not null limit 40",
              String.class),
          jdbc.queryForList("select distinct first_name from customers limit 40", String.class),
          jdbc.queryForList(
              "select distinct split_part(email, '@', 2) from customers", String.class),
          jdbc.queryForList(
              "select distinct w from (select regexp_split_to_table(name || ' ' || category,"
                  + " '\\s+') w from products) words where length(w) > 3",
              String.class),
          jdbc.queryForList("select distinct unnest(tags) from customers", String.class));
    }
  }

  static final class TreeGenerator {
    private final Random random;
    private final Vocabulary vocabulary;

    TreeGenerator(Random random, Vocabulary vocabulary) {
      this.random = random;
      this.vocabulary = vocabulary;
    }

    CustomerQuery tree(int depth) {
      if (depth == 0 || random.nextInt(10) < 5) {
        return leaf();
      }
      return switch (random.nextInt(3)) {
        case 0 -> new CustomerQuery.And(children(depth));
        case 1 -> new CustomerQuery.Or(children(depth));
        default -> new CustomerQuery.Not(tree(depth - 1));
      };
    }

    private List<CustomerQuery> children(int depth) {
      List<CustomerQuery> children = new ArrayList<>();
      int count = 2 + random.nextInt(2);
      for (int i = 0; i < count; i++) {
        children.add(tree(depth - 1));
      }
      return children;
    }

    private CustomerQuery leaf() {
      List<Supplier<CustomerQuery>> leaves =
          List.of(
              () -> text(CustomerField.CITY, vocabulary.cities()),
              () -> text(CustomerField.COUNTRY, vocabulary.countries()),
              () -> text(CustomerField.LAST_NAME, vocabulary.lastNames()),
              () -> text(CustomerField.NAME, vocabulary.firstNames()),
              () -> text(CustomerField.EMAIL_DOMAIN, vocabulary.domains()),
              () -> text(CustomerField.TAGS, vocabulary.tags()),
              () ->
                  text(CustomerField.STATUS, List.of("active", "inactive", "suspended", "banned")),
              () ->
                  CustomerQuery.field(
                      pick(
                          List.of(
                              CustomerField.EMAIL_OPT_IN,
                              CustomerField.SMS_OPT_IN,
                              CustomerField.PUSH_OPT_IN)),
                      Op.EQ,
                      random.nextBoolean()),
              () -> number(CustomerField.AGE, 18, 80),
              () -> number(CustomerField.YEAR_OF_BIRTH, 1945, 2007),
              () -> number(CustomerField.TOTAL_SPENT, 0, 3000),
              () -> number(CustomerField.ORDER_COUNT, 0, 15),
              () -> number(CustomerField.AVERAGE_ORDER_VALUE, 0, 300),
              () -> date(CustomerField.SIGNUP_DATE),
              () -> date(CustomerField.LAST_ORDER_AT),
              () -> new CustomerQuery.Spent(comparison(0, 1500), window()),
              () -> new CustomerQuery.OrderCount(comparison(0, 6), window()),
              () -> new CustomerQuery.AverageOrderValue(comparison(0, 300), window()),
              () -> new CustomerQuery.Bought(pick(vocabulary.productWords()), maybeWindow()),
              () ->
                  new CustomerQuery.Reviewed(
                      random.nextBoolean() ? comparison(1, 5) : null, null, maybeWindow()),
              () ->
                  new CustomerQuery.TopPercent(
                      pick(CustomerQuery.TopPercent.RANKABLE.stream().sorted().toList()),
                      java.math.BigDecimal.valueOf(1 + random.nextInt(60))),
              () ->
                  new CustomerQuery.OrderOverdue(
                      java.math.BigDecimal.valueOf(5 + random.nextInt(36), 1)),
              () ->
                  new CustomerQuery.Interacted(
                      pick(List.of("support_ticket", "chat", "email_reply")),
                      random.nextBoolean()
                          ? List.of()
                          : List.of(pick(List.of("open", "pending", "resolved", "closed"))),
                      maybeWindow()));
      return pick(leaves).get();
    }

    private CustomerQuery text(CustomerField field, List<String> values) {
      if (values.isEmpty()) {
        return new CustomerQuery.All();
      }
      String value = pick(values);
      // Upper case exercises case folding; the executors must agree on it.
      String typed = random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value;
      return switch (random.nextInt(6)) {
        case 0 -> CustomerQuery.field(field, Op.NEQ, typed);
        case 1 -> CustomerQuery.field(field, Op.IN, typed, pick(values));
        case 2 -> CustomerQuery.field(field, random.nextBoolean() ? Op.IS_SET : Op.IS_NOT_SET);
        default -> CustomerQuery.field(field, Op.EQ, typed);
      };
    }

    private CustomerQuery number(CustomerField field, int low, int high) {
      return new CustomerQuery.Field(field, comparison(low, high));
    }

    private Comparison comparison(int low, int high) {
      int a = low + random.nextInt(high - low + 1);
      int b = low + random.nextInt(high - low + 1);
      Op op = pick(List.of(Op.EQ, Op.NEQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN, Op.IN));
      return switch (op) {
        case BETWEEN -> Comparison.of(op, Math.min(a, b), Math.max(a, b));
        case IN -> Comparison.of(op, a, b);
        default -> Comparison.of(op, a);
      };
    }

    private CustomerQuery date(CustomerField field) {
      LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1050));
      return switch (random.nextInt(4)) {
        case 0 -> CustomerQuery.field(field, Op.GTE, day.toString());
        case 1 -> CustomerQuery.field(field, Op.LT, day.toString());
        case 2 ->
            CustomerQuery.field(field, Op.BETWEEN, day.toString(), day.plusDays(90).toString());
        default -> CustomerQuery.field(field, Op.IS_SET);
      };
    }

    private TimeWindow maybeWindow() {
      return random.nextBoolean() ? null : window();
    }

    private TimeWindow window() {
      return switch (random.nextInt(6)) {
        case 0 -> new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -random.nextInt(3));
        case 1 ->
            new TimeWindow.Calendar(
                pick(List.of(TimeWindow.Unit.DAY, TimeWindow.Unit.WEEK, TimeWindow.Unit.YEAR)),
                -random.nextInt(2));
        case 2 ->
            new TimeWindow.Rolling(
                1 + random.nextInt(365),
                pick(List.of(TimeWindow.Unit.DAY, TimeWindow.Unit.WEEK, TimeWindow.Unit.MONTH)));
        case 3 -> new TimeWindow.Range(LocalDate.of(2025, 1 + random.nextInt(12), 1), null);
        case 4 -> new TimeWindow.Range(null, LocalDate.of(2025, 1 + random.nextInt(12), 1));
        default -> null;
      };
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }
  }
}
