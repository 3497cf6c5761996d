package com.oxidly.ui.analytics;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The lifetime-value models through the API: refit, read back, and clear refusals. */
@OxidlyIntegrationTest
class LifetimeValueApiTest {

  @LocalServerPort int port;
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  @Test
  void aRefitIsStoredAndIsTheModelReadBack() {
    TestHttp.Response fitted =
        http.post(
            "/api/analytics/clv/fit", "{\"calibrationEnd\": \"2026-10-31\"}", BOOTSTRAP_TOKEN);

    assertThat(fitted.status()).as(fitted.body()).isEqualTo(201);
    JsonNode model = fitted.json();
    assertThat(model.get("calibrationEnd").asString()).isEqualTo("2026-10-31");
    assertThat(model.get("timeUnit").asString()).isEqualTo("weeks");
    for (String parameter : new String[] {"r", "alpha", "a", "b", "p", "q", "gamma"}) {
      assertThat(model.get(parameter).asDouble()).as(parameter).isPositive();
    }
    assertThat(model.get("bgNbdLogLikelihood").asDouble()).isNegative();

    JsonNode latest = http.get("/api/analytics/clv/model", BOOTSTRAP_TOKEN).json();
    assertThat(latest.get("id").asLong()).isEqualTo(model.get("id").asLong());
    assertThat(latest.get("r").asDouble()).isEqualTo(model.get("r").asDouble());
  }

  @Test
  void aCalibrationEndInTheFutureOrTooEarlyIsRefusedSayingWhy() {
    TestHttp.Response future =
        http.post(
            "/api/analytics/clv/fit", "{\"calibrationEnd\": \"2030-01-01\"}", BOOTSTRAP_TOKEN);
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.json().get("detail").asString()).contains("is after today");

    TestHttp.Response early =
        http.post(
            "/api/analytics/clv/fit", "{\"calibrationEnd\": \"1999-01-01\"}", BOOTSTRAP_TOKEN);
    assertThat(early.status()).isEqualTo(422);
    assertThat(early.json().get("detail").asString()).contains("needs at least");
  }
}
