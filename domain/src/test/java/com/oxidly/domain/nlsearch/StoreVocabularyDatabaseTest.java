package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The vocabulary read from a real store's tables (needs PostgreSQL at 127.0.0.1:5432). */
class StoreVocabularyDatabaseTest {

  static TestDatabase database;

  @BeforeAll
  static void store() {
    database = TestDatabase.create("oxidly_test_vocab_" + Long.toHexString(System.nanoTime()));
    JdbcTemplate jdbc = database.jdbc();
    customer(jdbc, "ann@gmail.com", "Hamburg", "DE", "{At Risk,vip}", "Coffee Lover");
    customer(jdbc, "bob@gmail.com", "Hamburg", "DE", "{}", null);
    customer(jdbc, "cy@example.com", "York", "GB", "{vip}", null);
    customer(jdbc, "di@web.de", null, "DE", "{}", null);
    jdbc.update(
        "insert into products (sku, name, category, price, brand) values"
            + " ('ESP', 'Espresso Machine Pro', 'Kitchen', 300, 'Brewmaster'),"
            + " ('TEA', 'Earl Grey Loose Leaf', 'Tea', 12, null)");
  }

  @AfterAll
  static void drop() {
    database.drop();
  }

  @Test
  void readsTheStoresOwnWords() {
    StoreVocabulary vocabulary = StoreVocabulary.load(database.jdbc());

    assertThat(vocabulary.cities())
        .containsExactly(
            new StoreVocabulary.City("Hamburg", "DE"), new StoreVocabulary.City("York", "GB"));
    assertThat(vocabulary.products()).hasSize(2);
    assertThat(vocabulary.categories()).containsExactly("Kitchen", "Tea");
    assertThat(vocabulary.brands()).containsExactly("Brewmaster");
    assertThat(vocabulary.segments())
        .containsExactly("at risk", "vip", "coffee lover", "high value");
    assertThat(vocabulary.emailDomains()).containsExactly("gmail.com", "example.com", "web.de");
    assertThat(vocabulary.currency()).isEqualTo("USD");

    Interpretation reading =
        new CustomerSearchParser()
            .parse(
                "coffee lovers in Hamburg who bought espresso machines",
                vocabulary,
                Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC);
    assertThat(reading.query())
        .isEqualTo(
            new CustomerQuery.And(
                List.of(
                    new CustomerQuery.InSegment("coffee lover"),
                    new CustomerQuery.Field(CustomerField.CITY, Comparison.eq("hamburg")),
                    new CustomerQuery.Bought("espresso machine", null))));
  }

  private static void customer(
      JdbcTemplate jdbc,
      String email,
      String city,
      String country,
      String segments,
      String persona) {
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, city, country, signup_date,"
            + " segments, persona) values (?, ?, 'X', ?, ?, '2024-01-01T00:00:00Z', ?::text[], ?)",
        UUID.randomUUID(),
        email,
        city,
        country,
        segments,
        persona);
  }
}
