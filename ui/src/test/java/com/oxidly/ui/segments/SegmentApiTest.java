package com.oxidly.ui.segments;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** /api/segments on the running application. */
@OxidlyIntegrationTest
class SegmentApiTest {

  static final Duration DEADLINE = Duration.ofSeconds(90);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired PostgresCustomerQueries postgres;

  @Test
  void builtInsAreListedWithLiveCounts() {
    TestHttp http = new TestHttp(port);
    String viewer = token(http, "segments-viewer", "viewer");

    TestHttp.Response list = http.get("/api/segments", viewer);

    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().findValuesAsString("key")).contains("high value", "at risk");
    JsonNode atRisk = http.get("/api/segments/at-risk", viewer).json();
    assertThat(atRisk.get("builtIn").asBoolean()).isTrue();
    assertThat(atRisk.get("definition").get("type").asString()).isEqualTo("and");
    assertThat(atRisk.get("readable").asString()).contains("usual gap between orders");
    assertThat(http.get("/api/segments/nothing-here", viewer).status()).isEqualTo(404);
    // Readers may not write.
    assertThat(
            http.post("/api/segments", "{\"name\":\"Mine\",\"kind\":\"static\"}", viewer).status())
        .isEqualTo(403);
  }

  @Test
  void invalidSegmentsAreRefusedNamingWhatIsWrong() {
    TestHttp http = new TestHttp(port);

    TestHttp.Response refused =
        http.post(
            "/api/segments",
            "{\"name\":\" \",\"kind\":\"sometimes\",\"definition\":{\"type\":\"spent\","
                + "\"comparison\":{\"op\":\"bigger\",\"values\":[1]}}}",
            BOOTSTRAP_TOKEN);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).contains("application/problem+json");
    assertThat(refused.json().get("errors").findValuesAsString("field"))
        .containsExactly("name", "kind", "definition");
    assertThat(refused.body()).contains("bigger");

    TestHttp.Response noDefinition =
        http.post("/api/segments", "{\"name\":\"Empty\",\"kind\":\"dynamic\"}", BOOTSTRAP_TOKEN);
    assertThat(noDefinition.status()).isEqualTo(400);
    assertThat(noDefinition.body()).contains("definition").contains("is required");

    TestHttp.Response builtIn = http.delete("/api/segments/high-value", BOOTSTRAP_TOKEN);
    assertThat(builtIn.status()).as(builtIn.body()).isEqualTo(409);
    assertThat(builtIn.body()).contains("built in");
  }

  @Test
  void aDynamicSegmentIsFilledInAndFollowsItsEditedDefinition() {
    TestHttp http = new TestHttp(port);
    String marketer = token(http, "segments-marketer", "marketer");

    TestHttp.Response created =
        http.post(
            "/api/segments",
            "{\"name\":\"Big Spenders\",\"description\":\"over 500\",\"definition\":"
                + "{\"type\":\"spent\",\"comparison\":{\"op\":\"gt\",\"values\":[500]}}}",
            marketer);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/segments/big-spenders");
    assertThat(created.json().get("key").asString()).isEqualTo("big spenders");
    assertThat(created.json().get("kind").asString()).isEqualTo("dynamic");
    long over500 = postgres.count(new CustomerQuery.Spent(Comparison.of(Op.GT, 500), null));
    assertThat(over500).isPositive();
    awaitMembers(http, "big-spenders", over500);
    JsonNode page = http.get("/api/segments/big-spenders/members?page=0&size=5", marketer).json();
    assertThat(page.get("total").asLong()).isEqualTo(over500);
    assertThat(page.get("items")).hasSize((int) Math.min(5, over500));

    TestHttp.Response edited =
        http.send(
            "PUT",
            "/api/segments/big-spenders",
            "application/json",
            "{\"name\":\"Big Spenders\",\"definition\":"
                + "{\"type\":\"spent\",\"comparison\":{\"op\":\"gt\",\"values\":[1500]}}}",
            marketer);
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().get("reevaluation").asString())
        .isEqualTo("segment-reevaluation:big-spenders");
    long over1500 = postgres.count(new CustomerQuery.Spent(Comparison.of(Op.GT, 1500), null));
    assertThat(over1500).isLessThan(over500);
    awaitMembers(http, "big-spenders", over1500);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customer_events where type = 'segment_left' and"
                    + " properties ->> 'segment' = 'big spenders'",
                Long.class))
        .isEqualTo(over500 - over1500);

    assertThat(http.delete("/api/segments/big-spenders", marketer).status()).isEqualTo(204);
    assertThat(http.get("/api/segments/big-spenders", marketer).status()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where segments @> array['big spenders']",
                Long.class))
        .isZero();
  }

  @Test
  void aStaticSegmentKeepsTheMembersAddedByHand() {
    TestHttp http = new TestHttp(port);
    List<UUID> two =
        jdbc.queryForList("select customer_uuid from customers order by email limit 2", UUID.class);
    assertThat(
            http.post(
                    "/api/segments",
                    "{\"name\":\"Trade show\",\"kind\":\"static\"}",
                    BOOTSTRAP_TOKEN)
                .status())
        .isEqualTo(201);

    TestHttp.Response added =
        http.post(
            "/api/segments/trade-show/members",
            "{\"customers\":[\"" + two.get(0) + "\",\"" + two.get(1) + "\"]}",
            BOOTSTRAP_TOKEN);
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    assertThat(added.json().get("added").asInt()).isEqualTo(2);
    awaitMembers(http, "trade-show", 2);

    TestHttp.Response unknown =
        http.post(
            "/api/segments/trade-show/members",
            "{\"customers\":[\"" + UUID.randomUUID() + "\"]}",
            BOOTSTRAP_TOKEN);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown customer");
    TestHttp.Response dynamic =
        http.post(
            "/api/segments/at-risk/members",
            "{\"customers\":[\"" + two.get(0) + "\"]}",
            BOOTSTRAP_TOKEN);
    assertThat(dynamic.status()).isEqualTo(400);

    TestHttp.Response removed =
        http.send(
            "DELETE",
            "/api/segments/trade-show/members",
            "application/json",
            "{\"customers\":[\"" + two.get(0) + "\"]}",
            BOOTSTRAP_TOKEN);
    assertThat(removed.json().get("removed").asInt()).isEqualTo(1);
    awaitMembers(http, "trade-show", 1);
  }

  private void awaitMembers(TestHttp http, String key, long expected) {
    Awaitility.await()
        .atMost(DEADLINE)
        .until(
            () ->
                http.get("/api/segments/" + key + "/count", BOOTSTRAP_TOKEN)
                        .json()
                        .get("members")
                        .asLong()
                    == expected);
  }

  private static String token(TestHttp http, String name, String role) {
    return http.post(
            "/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}", BOOTSTRAP_TOKEN)
        .json()
        .get("token")
        .asString();
  }
}
