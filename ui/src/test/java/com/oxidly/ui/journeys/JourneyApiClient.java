package com.oxidly.ui.journeys;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.TestHttp;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** What the journey tests do through the API: publish journeys, post events, watch runs. */
final class JourneyApiClient {

  private final TestHttp http;

  JourneyApiClient(TestHttp http) {
    this.http = http;
  }

  /** Creates a journey from a shipped template and publishes it; returns its id. */
  long publishTemplate(String template) {
    TestHttp.Response created =
        http.post("/api/journeys?template=" + template, "", BOOTSTRAP_TOKEN);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("summary").get("id").asLong();
    TestHttp.Response published =
        http.post("/api/journeys/" + id + "/publish", "", BOOTSTRAP_TOKEN);
    assertThat(published.status()).as(published.body()).isEqualTo(200);
    return id;
  }

  void postEvent(UUID customer, String type, String properties) {
    TestHttp.Response response =
        http.post(
            "/api/events",
            "{\"type\": \"%s\", \"customerUuid\": \"%s\", \"properties\": %s}"
                .formatted(type, customer, properties),
            BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(202);
  }

  /** The customer's runs through one journey, newest first. */
  java.util.List<JsonNode> runs(UUID customer, long journeyId) {
    java.util.List<JsonNode> runs = new java.util.ArrayList<>();
    for (JsonNode run :
        http.get("/api/customers/" + customer + "/journeys", BOOTSTRAP_TOKEN).json()) {
      if (run.get("journeyId").asLong() == journeyId) {
        runs.add(run);
      }
    }
    return runs;
  }

  /** Waits (up to 30 s of real time) until the newest run of the journey meets the condition. */
  JsonNode awaitRun(UUID customer, long journeyId, Predicate<JsonNode> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode run = null;
    while (System.nanoTime() < deadline) {
      var runs = runs(customer, journeyId);
      run = runs.isEmpty() ? null : runs.getFirst();
      if (run != null && condition.test(run)) {
        return run;
      }
      pause();
    }
    throw new AssertionError("run of " + customer + " not " + what + " within 30 s: " + run);
  }

  JsonNode awaitStatus(UUID customer, long journeyId, String status) {
    return awaitRun(customer, journeyId, run -> status.equals(text(run, "status")), status);
  }

  JsonNode awaitCurrentStep(UUID customer, long journeyId, String step) {
    return awaitRun(
        customer, journeyId, run -> step.equals(text(run, "currentStep")), "at step " + step);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
