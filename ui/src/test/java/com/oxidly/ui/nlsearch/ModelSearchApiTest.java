package com.oxidly.ui.nlsearch;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
@Import(OxidlyIntegrationTest.CleanDatabase.class)
class ModelSearchApiTest {

  static final OpenAiStandIn STAND_IN = new OpenAiStandIn();

  @DynamicPropertySource
  static void languageModel(DynamicPropertyRegistry registry) {
    registry.add("oxidly.ai.base-url", STAND_IN::baseUrl);
    registry.add("oxidly.demo.customers", () -> "60");
  }

  @AfterAll
  static void stop() {
    STAND_IN.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;

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

  private static JsonNode search(TestHttp http, String sentence) {
    TestHttp.Response response =
        http.get(
            "/api/customers/search?q=" + URLEncoder.encode(sentence, StandardCharsets.UTF_8),
            BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }
}
