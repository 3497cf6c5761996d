package com.oxidly.ui.nlsearch;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.TextEmbeddings;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The same search API with a language model configured: an OpenAI stand-in on localhost. Its own
 * application context (the shared one has no model), with a small store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({OxidlyIntegrationTest.CleanDatabase.class, OxidlyIntegrationTest.OneSecurityContext.class})
class ModelSearchApiTest {

  /** Its embeddings read a parcel as a delivery, as a real model would see them as related. */
  static final OpenAiStandIn STAND_IN = new OpenAiStandIn().synonyms("delivery", "parcel");

  @DynamicPropertySource
  static void languageModel(DynamicPropertyRegistry registry) {
    registry.add("oxidly.ai.base-url", STAND_IN::baseUrl);
    registry.add("oxidly.ai.embeddings.idle-rest", () -> "PT0.2S");
    registry.add("oxidly.demo.customers", () -> "60");
  }

  @AfterAll
  static void stop() {
    STAND_IN.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  @Autowired TextEmbeddings embeddings;

  @Test
  void theSearchApiGoesThroughTheModelAndFallsBackWhenItsAnswerIsInvalid() {
    IndexCatchUp.await(index, jdbc);
    String country =
        jdbc.queryForObject(
            "select country from customers group by country order by count(*) desc limit 1",
            String.class);
    long expected =
        jdbc.queryForObject(
            "select count(*) from customers where country = ?", Long.class, country);
    STAND_IN.enqueue(
        Reply.content(
            """
            {"query": {"type": "field", "field": "country",
                       "comparison": {"op": "eq", "values": ["%s"]}},
             "ignored": [], "free_text": []}
            """
                .formatted(country)),
        Reply.content(
            "{\"query\": {\"type\": \"telepathy\"}, \"ignored\": [], \"free_text\": []}"));
    TestHttp http = new TestHttp(port);

    JsonNode modelRead = search(http, "folks who live over there");
    assertThat(modelRead.get("interpretation").get("source").asString()).isEqualTo("model");
    assertThat(modelRead.get("total").asLong()).isEqualTo(expected);
    assertThat(STAND_IN.requests().getLast().get("messages").get(1).get("content").asString())
        .isEqualTo("folks who live over there");

    JsonNode fallback = search(http, "active customers");
    assertThat(fallback.get("interpretation").get("source").asString()).isEqualTo("local");
    assertThat(fallback.get("interpretation").get("notice").asString())
        .contains("not a valid query");
    assertThat(fallback.get("total").asLong())
        .isEqualTo(
            jdbc.queryForObject(
                "select count(*) from customers where status = 'active'", Long.class));
  }

  @Test
  void withEmbeddingsCustomersWhoWroteAboutTheSameThingInOtherWordsAreFoundToo() {
    String silent =
        jdbc.queryForObject(
            "select customer_uuid::text from customers c where not exists (select 1 from reviews r"
                + " where r.customer_uuid = c.customer_uuid) and not exists (select 1 from"
                + " interactions i where i.customer_uuid = c.customer_uuid) limit 1",
            String.class);
    jdbc.update(
        "insert into reviews (review_id, customer_uuid, sku, rating, body, created_at)"
            + " select 'R-parcel', ?::uuid, min(sku), 2, 'My parcel arrived two weeks late', now()"
            + " from products",
        silent);
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                embeddings.pending() == 0
                    && jdbc.queryForObject("select count(*) from customer_index_outbox", Long.class)
                        == 0);
    IndexCatchUp.await(index, jdbc);

    JsonNode found = search(new TestHttp(port), "customers who complained about late delivery");

    List<String> uuids = new ArrayList<>();
    found.get("items").forEach(item -> uuids.add(item.get("customerUuid").asString()));
    assertThat(uuids)
        .as("the only text of this customer says 'parcel', never 'delivery': found by meaning")
        .contains(silent);
    assertThat(found.get("total").asLong()).isEqualTo(uuids.size());
  }

  private static JsonNode search(TestHttp http, String sentence) {
    TestHttp.Response response =
        http.get(
            "/api/customers/search?q=" + URLEncoder.encode(sentence, StandardCharsets.UTF_8),
            BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }
}
