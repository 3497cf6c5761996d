package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NaturalLanguageSearchTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
  private static TestDatabase database;

  private final OpenAiStandIn standIn = new OpenAiStandIn();

  @BeforeAll
  static void store() {
    database = TestDatabase.create("oxidly_test_nl_search");
    database
        .jdbc()
        .update(
            "insert into customers (customer_uuid, email, first_name, city, country, signup_date)"
                + " values (gen_random_uuid(), 'ana@example.com', 'Ana', 'Berlin', 'DE', now())");
  }

  @AfterAll
  static void drop() {
    database.drop();
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void withoutAModelTheLocalParserReads() {
    NaturalLanguageSearch.Reading reading =
        search(LanguageModelTestAccess.none()).read("customers in Berlin");

    assertThat(reading.source()).isEqualTo("local");
    assertThat(reading.notice()).isNull();
    assertThat(reading.interpretation().query()).isEqualTo(berlin());
    assertThat(standIn.requests()).isEmpty();
  }

  @Test
  void aConfiguredModelReadsWithTheStoresVocabularyAndItsAnswerIsUsed() {
    standIn.enqueue(
        Reply.content(
            """
            {"query": {"type": "field", "field": "city",
                       "comparison": {"op": "eq", "values": ["Berlin"]}},
             "ignored": ["loyal"], "free_text": []}
            """));

    NaturalLanguageSearch.Reading reading =
        search(LanguageModelTestAccess.openAi(standIn.baseUrl()))
            .read("loyal shoppers living in Berlin");

    assertThat(reading.source()).isEqualTo("model");
    assertThat(reading.notice()).isNull();
    assertThat(reading.interpretation().query()).isEqualTo(berlin());
    assertThat(reading.interpretation().ignored()).containsExactly("loyal");
    assertThat(reading.interpretation().readable()).isNotBlank();
    JsonNode request = standIn.requests().getFirst();
    assertThat(request.get("messages").get(0).get("content").asString())
        .contains("Berlin (DE)")
        .contains("Today is 2026-11-15");
    assertThat(request.get("messages").get(1).get("content").asString())
        .isEqualTo("loyal shoppers living in Berlin");
    assertThat(request.get("response_format").get("json_schema").get("name").asString())
        .isEqualTo("customer_search");
  }

  @Test
  void anInvalidOrMissingAnswerFallsBackToTheLocalParserWithANotice() {
    standIn.enqueue(
        Reply.content(
            "{\"query\": {\"type\": \"field\", \"field\": \"shoe_size\","
                + " \"comparison\": {\"op\": \"eq\", \"values\": [42]}},"
                + " \"ignored\": [], \"free_text\": []}"),
        Reply.error(500),
        Reply.error(500));
    NaturalLanguageSearch search = search(LanguageModelTestAccess.openAi(standIn.baseUrl()));

    NaturalLanguageSearch.Reading invalid = search.read("customers in Berlin");
    assertThat(invalid.source()).isEqualTo("local");
    assertThat(invalid.notice()).contains("not a valid query");
    assertThat(invalid.interpretation().query()).isEqualTo(berlin());

    NaturalLanguageSearch.Reading failed = search.read("customers in Berlin");
    assertThat(failed.source()).isEqualTo("local");
    assertThat(failed.notice()).contains("did not answer");
    assertThat(failed.interpretation().query()).isEqualTo(berlin());
  }

  private static NaturalLanguageSearch search(LanguageModel model) {
    return new NaturalLanguageSearch(
        database.jdbc(), model, CLOCK, new StoreTimeZone(ZoneOffset.UTC));
  }

  private static CustomerQuery berlin() {
    return new CustomerQuery.Field(CustomerField.CITY, Comparison.of(Op.EQ, "berlin"));
  }
}
