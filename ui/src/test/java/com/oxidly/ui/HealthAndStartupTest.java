package com.oxidly.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@OxidlyIntegrationTest
class HealthAndStartupTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void healthReportsPostgresElasticsearchAndTemporalUp() {
    TestHttp.Response health = new TestHttp(port).get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    JsonNode components = health.json().get("components");
    assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("elasticsearch").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("temporal").get("status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheusMetricsNeedAnAdminToken() {
    TestHttp http = new TestHttp(port);
    assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
    TestHttp.Response metrics = http.get("/actuator/prometheus", TestHttp.BOOTSTRAP_TOKEN);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void firstStartCreatesAccountsAndLoadsTheDemoStoreOnce() {
    assertThat(jdbc.queryForList("select username from accounts order by username", String.class))
        .containsExactly("admin", "marketer");
    assertThat(jdbc.queryForObject("select count(*) from demo_loads", Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from customers", Integer.class)).isEqualTo(300);
  }

  @Test
  void openApiDocumentDescribesTheApi() {
    TestHttp.Response docs = new TestHttp(port).get("/api/docs/openapi", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().get("paths").has("/api/customers/{customerUuid}")).isTrue();
  }
}
