package com.oxidly.ui.api;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /api/analytics/sentiment: a label and score per text, and problems that name the text. */
@OxidlyIntegrationTest
class SentimentApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  @Test
  void scoresEveryTextInOrder() {
    TestHttp.Response response =
        score(
            List.of(
                "Love it, works like a charm!",
                "Stopped working after two weeks. Waste of money.",
                "Can I change the delivery address?"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode results = response.json().get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("label").asString()).isEqualTo("positive");
    assertThat(results.get(0).get("score").asDouble()).isBetween(0.05, 1.0);
    assertThat(results.get(1).get("label").asString()).isEqualTo("negative");
    assertThat(results.get(1).get("score").asDouble()).isBetween(-1.0, -0.05);
    assertThat(results.get(2).get("label").asString()).isEqualTo("neutral");
    // no model is configured in tests: Oxidly's own analyzer answers
    assertThat(results.get(0).get("source").asString()).isEqualTo("local");
  }

  @Test
  void takesAThousandTextsAtOnce() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      texts.add(i % 2 == 0 ? "Great kettle number " + i : "Terrible kettle number " + i);
    }

    TestHttp.Response response = score(texts);

    assertThat(response.status()).isEqualTo(200);
    JsonNode results = response.json().get("results");
    assertThat(results).hasSize(1_000);
    assertThat(results.get(998).get("label").asString()).isEqualTo("positive");
    assertThat(results.get(999).get("label").asString()).isEqualTo("negative");
  }

  @Test
  void namesEveryTextThatCannotBeScored() {
    TestHttp.Response response = score(List.of("fine", " ", "good", "x".repeat(5_001)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("detail").asString())
        .isEqualTo("2 problems: texts[1] is blank; texts[3] is 5001 characters long; at most 5000");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("texts[1]");
    assertThat(problem.get("errors").get(1).get("field").asString()).isEqualTo("texts[3]");
  }

  @Test
  void refusesEmptyOversizedAndMissingLists() {
    assertThat(score(List.of()).json().get("detail").asString())
        .isEqualTo("1 problem: texts has 0 texts; send 1 to 1000 at once");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1_001; i++) {
      tooMany.add("text " + i);
    }
    TestHttp.Response oversized = score(tooMany);
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.json().get("detail").asString()).contains("has 1001 texts");
    TestHttp.Response missing = http.post("/api/analytics/sentiment", "{}", BOOTSTRAP_TOKEN);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("detail").asString()).contains("texts is required");
    TestHttp.Response notAList =
        http.post("/api/analytics/sentiment", "{\"texts\": {\"a\": 1}}", BOOTSTRAP_TOKEN);
    assertThat(notAList.status()).isEqualTo(400);
    assertThat(notAList.contentType()).startsWith("application/problem+json");
  }

  @Test
  void analystsMayScoreViewersMayNot() {
    String body = "{\"texts\": [\"good\"]}";
    assertThat(http.post("/api/analytics/sentiment", body, null).status()).isEqualTo(401);
    for (String role : List.of("analyst", "viewer")) {
      TestHttp.Response created =
          http.post(
              "/api/tokens",
              "{\"name\":\"sentiment-" + role + "\",\"role\":\"" + role + "\"}",
              BOOTSTRAP_TOKEN);
      String token = created.json().get("token").asString();
      try {
        assertThat(http.post("/api/analytics/sentiment", body, token).status())
            .as(role)
            .isEqualTo(role.equals("analyst") ? 200 : 403);
      } finally {
        http.delete(
            "/api/tokens/" + created.json().get("info").get("id").asString(), BOOTSTRAP_TOKEN);
      }
    }
  }

  private TestHttp.Response score(List<String> texts) {
    return http.post(
        "/api/analytics/sentiment",
        JSON.writeValueAsString(java.util.Map.of("texts", texts)),
        BOOTSTRAP_TOKEN);
  }
}
