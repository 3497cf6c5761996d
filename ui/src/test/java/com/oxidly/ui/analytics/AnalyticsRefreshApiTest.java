package com.oxidly.ui.analytics;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.engagement.EngagementScoring;
import com.oxidly.ui.DemoPersonas;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** An on-demand refresh through the API: a workflow that rescores every customer. */
@OxidlyIntegrationTest
class AnalyticsRefreshApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired EngagementScoring engagement;

  /** Other tests read the demo store's vocabulary: personas are left as they were, none. */
  @AfterEach
  void forgetPersonas() {
    DemoPersonas.forget(jdbc);
  }

  /** Waits until the on-demand refresh reports phase done. */
  static void awaitDone(TestHttp http) {
    Awaitility.await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                "done"
                    .equals(
                        http.get("/api/analytics/refresh", BOOTSTRAP_TOKEN)
                            .json()
                            .get("phase")
                            .asString()));
  }

  @Test
  void anOnDemandRefreshRescoresEveryCustomerAndShowsItsProgress() {
    jdbc.update("update customers set engagement_score = null");
    TestHttp http = new TestHttp(port);

    TestHttp.Response started = http.post("/api/analytics/refresh", "", BOOTSTRAP_TOKEN);

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().get("workflowId").asString())
        .isEqualTo("analytics-refresh:on-demand");
    awaitDone(http);
    JsonNode progress = http.get("/api/analytics/refresh", BOOTSTRAP_TOKEN).json();
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);
    assertThat(progress.get("scored").asLong()).isEqualTo(customers);
    assertThat(progress.get("total").asLong()).isEqualTo(customers);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where engagement_score is null", Long.class))
        .isZero();
    UUID sample =
        jdbc.queryForObject(
            "select customer_uuid from customers order by total_spent desc limit 1", UUID.class);
    assertThat(
            jdbc.queryForObject(
                "select engagement_score from customers where customer_uuid = ?",
                Integer.class,
                sample))
        .isEqualTo(engagement.explain(sample).score());
  }

  @Test
  void aViewerMayNotStartARefresh() {
    TestHttp http = new TestHttp(port);
    String viewer =
        http.post(
                "/api/tokens", "{\"name\":\"refresh-viewer\",\"role\":\"viewer\"}", BOOTSTRAP_TOKEN)
            .json()
            .get("token")
            .asString();

    assertThat(http.post("/api/analytics/refresh", "", viewer).status()).isEqualTo(403);
  }
}
