package com.oxidly.ui.api;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@OxidlyIntegrationTest
class CustomerApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  @Test
  void listsTheDemoCustomersPagedAndSorted() {
    TestHttp.Response first =
        http.get("/api/customers?size=100&sort=totalSpent,desc", BOOTSTRAP_TOKEN);

    assertThat(first.status()).isEqualTo(200);
    JsonNode body = first.json();
    assertThat(body.get("total").asLong()).isEqualTo(300);
    assertThat(body.get("items")).hasSize(100);
    List<Double> spent = new ArrayList<>();
    body.get("items").forEach(item -> spent.add(item.get("totalSpent").asDouble()));
    assertThat(spent).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    Double topInDatabase =
        jdbc.queryForObject("select max(total_spent)::float8 from customers", Double.class);
    assertThat(spent.getFirst()).isEqualTo(topInDatabase);

    JsonNode last = http.get("/api/customers?size=100&page=2", BOOTSTRAP_TOKEN).json();
    assertThat(last.get("items")).hasSize(100);
    JsonNode beyond = http.get("/api/customers?size=100&page=3", BOOTSTRAP_TOKEN).json();
    assertThat(beyond.get("items")).isEmpty();
  }

  @Test
  void readsOneCustomerByUuid() {
    String uuid =
        jdbc.queryForObject(
            "select customer_uuid::text from customers order by email limit 1", String.class);
    String email =
        jdbc.queryForObject(
            "select email from customers where customer_uuid = ?::uuid", String.class, uuid);

    TestHttp.Response response = http.get("/api/customers/" + uuid, BOOTSTRAP_TOKEN);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("customerUuid").asString()).isEqualTo(uuid);
    assertThat(response.json().get("email").asString()).isEqualTo(email);
    String status =
        jdbc.queryForObject(
            "select status from customers where customer_uuid = ?::uuid", String.class, uuid);
    assertThat(response.json().get("status").asString()).isEqualTo(status);
  }

  @Test
  void explainsACustomersEngagementAsPointsThatAddUpToTheScore() {
    String uuid =
        jdbc.queryForObject(
            "select customer_uuid::text from customers where order_count > 0"
                + " order by last_order_at desc limit 1",
            String.class);

    JsonNode engagement =
        http.get("/api/customers/" + uuid + "/engagement", BOOTSTRAP_TOKEN).json();

    int sum = 0;
    for (JsonNode contribution : engagement.get("contributions")) {
      sum += contribution.get("points").asInt();
    }
    assertThat(engagement.get("score").asInt()).isPositive().isEqualTo(sum);
    assertThat(engagement.get("contributions").get(0).get("detail").asString())
        .startsWith("last order");
    assertThat(engagement.get("explanation").asString()).contains(" in the last year +");
    assertThat(
            http.get("/api/customers/" + UUID.randomUUID() + "/engagement", BOOTSTRAP_TOKEN)
                .status())
        .isEqualTo(404);
  }

  @Test
  void answersProblemsThatNameWhatIsWrong() {
    TestHttp.Response missing =
        http.get("/api/customers/00000000-0000-0000-0000-000000000000", BOOTSTRAP_TOKEN);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.json().get("detail").asString()).contains("No customer");

    TestHttp.Response malformed = http.get("/api/customers/not-a-uuid", BOOTSTRAP_TOKEN);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.json().get("detail").asString()).contains("customerUuid", "not-a-uuid");

    TestHttp.Response badSort = http.get("/api/customers?sort=password", BOOTSTRAP_TOKEN);
    assertThat(badSort.status()).isEqualTo(400);
    assertThat(badSort.json().get("detail").asString()).contains("password", "totalSpent");

    TestHttp.Response badSize = http.get("/api/customers?size=0", BOOTSTRAP_TOKEN);
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.json().get("detail").asString()).contains("size");
    assertThat(badSize.body()).doesNotContain("at com.oxidly");
  }

  @Test
  void refusesRequestsWithoutAValidToken() {
    TestHttp.Response anonymous = http.get("/api/customers", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");

    assertThat(http.get("/api/customers", "oxt_forged").status()).isEqualTo(401);
  }
}
