package com.oxidly.ui.api;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@OxidlyIntegrationTest
class TokenApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anAdminCreatesAMarketerTokenThatWorksUntilRevoked() {
    TestHttp http = new TestHttp(port);

    TestHttp.Response created =
        http.post("/api/tokens", "{\"name\":\"crm sync\",\"role\":\"marketer\"}", BOOTSTRAP_TOKEN);
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asString();
    String id = created.json().get("info").get("id").asString();
    assertThat(token).startsWith("oxt_").hasSizeGreaterThan(40);

    // Only a hash is stored: the secret appears nowhere in the database.
    assertThat(
            jdbc.queryForObject(
                "select count(*) from api_tokens where token_hash like ?",
                Integer.class,
                "%" + token + "%"))
        .isZero();
    assertThat(http.get("/api/tokens", BOOTSTRAP_TOKEN).body()).doesNotContain(token);

    assertThat(http.get("/api/customers?size=1", token).status()).isEqualTo(200);
    TestHttp.Response forbidden =
        http.post("/api/tokens", "{\"name\":\"escalate\",\"role\":\"admin\"}", token);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.contentType()).startsWith("application/problem+json");

    assertThat(http.delete("/api/tokens/" + id, BOOTSTRAP_TOKEN).status()).isEqualTo(204);
    assertThat(http.get("/api/customers?size=1", token).status()).isEqualTo(401);
  }

  @Test
  void rejectsAnUnknownRoleNamingTheAllowedOnes() {
    TestHttp.Response response =
        new TestHttp(port)
            .post("/api/tokens", "{\"name\":\"x\",\"role\":\"superuser\"}", BOOTSTRAP_TOKEN);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asString())
        .contains("superuser", "admin, marketer, analyst, viewer");
  }
}
