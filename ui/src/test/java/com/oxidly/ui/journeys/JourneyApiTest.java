package com.oxidly.ui.journeys;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import com.oxidly.ui.events.OperatorSearchAttributes;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Events in through the API, journeys drafted and published, and runs that react to events. */
@OxidlyIntegrationTest
class JourneyApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired WorkflowClient temporal;
  TestHttp http;
  JourneyApiClient journeys;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
    journeys = new JourneyApiClient(http);
  }

  @Test
  void aBatchWithOneBadEventIsRefusedWholeNamingEveryProblem() {
    UUID customer = someCustomer(0);
    long before = eventCount();

    TestHttp.Response response =
        http.post(
            "/api/events",
            """
            {"events": [
              {"type": "cart_updated", "customerUuid": "%s", "properties": {"cart_id": "k-1"}},
              {"type": "Cart Updated", "customerUuid": "%s"},
              {"type": "cart_updated", "email": "nobody@nowhere.example"},
              {"type": "cart_updated"}]}\
            """
                .formatted(customer, customer),
            BOOTSTRAP_TOKEN);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode errors = response.json().get("errors");
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
    assertThat(errors.get(0).get("field").asString()).isEqualTo("type");
    assertThat(errors.get(1).get("field").asString()).isEqualTo("email");
    assertThat(errors.get(1).get("message").asString())
        .isEqualTo("no customer with email nobody@nowhere.example");
    assertThat(errors.get(2).get("field").asString()).isEqualTo("customer");
    assertThat(eventCount()).isEqualTo(before);
  }

  @Test
  void unknownCustomersMalformedBodiesAndBadTimesGetClearErrors() {
    TestHttp.Response unknown =
        http.post(
            "/api/events",
            "{\"type\": \"signed_up\", \"customerUuid\": \"%s\"}".formatted(UUID.randomUUID()),
            BOOTSTRAP_TOKEN);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asString()).contains("no customer");

    TestHttp.Response malformed = http.post("/api/events", "{\"type\": ", BOOTSTRAP_TOKEN);
    assertThat(malformed.status()).isEqualTo(400);

    TestHttp.Response badTime =
        http.post(
            "/api/events",
            "{\"type\": \"signed_up\", \"email\": \"%s\", \"occurredAt\": \"yesterday\"}"
                .formatted(email(someCustomer(0))),
            BOOTSTRAP_TOKEN);
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
  }

  @Test
  void theSameEventKeyTwiceIsOneEventAndProfileChangesLandWithIt() {
    UUID customer = someCustomer(1);
    String body =
        """
        {"type": "preferences_updated", "customerUuid": "%s", "eventKey": "pref-%s",
         "profile": {"addTags": ["likes-tea"], "attributes": {"favourite_colour": "teal"}}}\
        """
            .formatted(customer, customer);

    JsonNode first = http.post("/api/events", body, BOOTSTRAP_TOKEN).json().get("events").get(0);
    JsonNode second = http.post("/api/events", body, BOOTSTRAP_TOKEN).json().get("events").get(0);

    assertThat(first.get("duplicate").asBoolean()).isFalse();
    assertThat(second.get("duplicate").asBoolean()).isTrue();
    assertThat(second.get("id").asLong()).isEqualTo(first.get("id").asLong());
    assertThat(
            jdbc.queryForObject(
                "select 'likes-tea' = any(tags) and attributes->>'favourite_colour' = 'teal'"
                    + " from customers where customer_uuid = ?",
                Boolean.class,
                customer))
        .isTrue();
  }

  @Test
  void publishingRefusesABrokenDraftNamingEachStepAndKeepsVersionsNumbered() {
    TestHttp.Response created =
        http.post(
            "/api/journeys",
            """
            {"name": "Broken one", "trigger": {"type": "event", "event": "signed_up"},
             "steps": [{"type": "wait", "id": "w"},
                       {"type": "send", "id": "s", "channel": "email"}]}\
            """,
            BOOTSTRAP_TOKEN);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("summary").get("id").asLong();

    TestHttp.Response refused = http.post("/api/journeys/" + id + "/publish", "", BOOTSTRAP_TOKEN);

    assertThat(refused.status()).isEqualTo(422);
    JsonNode problems = refused.json().get("problems");
    assertThat(problems.get(0).get("stepId").asString()).isEqualTo("w");
    assertThat(problems.get(1).get("stepId").asString()).isEqualTo("s");

    TestHttp.Response fixed =
        http.send(
            "PUT",
            "/api/journeys/" + id + "/draft",
            "application/json",
            """
            {"name": "Broken one", "trigger": {"type": "event", "event": "signed_up"},
             "steps": [{"type": "wait", "id": "w", "duration": "PT1H"}]}\
            """,
            BOOTSTRAP_TOKEN);
    assertThat(fixed.status()).isEqualTo(200);
    assertThat(
            http.post("/api/journeys/" + id + "/publish", "", BOOTSTRAP_TOKEN)
                .json()
                .get("version")
                .asInt())
        .isEqualTo(1);
    assertThat(
            http.post("/api/journeys/" + id + "/publish", "", BOOTSTRAP_TOKEN)
                .json()
                .get("version")
                .asInt())
        .isEqualTo(2);
  }

  @Test
  void anAbandonedCartRunEndsAtOnceWhenThatCartIsOrderedAndTheCustomerCanSeeWhy() {
    long id = journeys.publishTemplate("abandoned-cart");
    UUID customer = someCustomer(2);

    journeys.postEvent(customer, "cart_updated", "{\"cart_id\": \"cart-77\"}");
    JsonNode run = journeys.awaitStatus(customer, id, "active");
    assertThat(run.get("currentStep").asString()).isEqualTo("wait-for-order");
    var attributes =
        temporal
            .newUntypedWorkflowStub(run.get("workflowId").asString())
            .describe()
            .getTypedSearchAttributes();
    assertThat(attributes.get(OperatorSearchAttributes.CUSTOMER)).isEqualTo(customer.toString());
    assertThat(attributes.get(OperatorSearchAttributes.JOURNEY)).isEqualTo(id + ":v1");
    journeys.postEvent(customer, "order_placed", "{\"cart_id\": \"cart-12\", \"total\": 40}");
    journeys.postEvent(customer, "order_placed", "{\"cart_id\": \"cart-77\", \"total\": 60}");

    JsonNode ended = journeys.awaitStatus(customer, id, "exited");
    assertThat(ended.get("endReason").asString()).isEqualTo("exit_event:order_placed");
    assertThat(ended.get("workflowId").asString()).isEqualTo("journey:" + id + ":v1:" + customer);
    assertThat(ended.get("steps").get(0).get("stepId").asString()).isEqualTo("wait-for-order");
    assertThat(ended.get("steps").get(0).get("outcome").asString()).isEqualTo("event");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customer_events where customer_uuid = ? and relayed_at is"
                    + " null",
                Integer.class,
                customer))
        .isZero();

    // Re-entry after 12 hours only: the same customer's next cart is turned away (no new run).
    journeys.postEvent(customer, "cart_updated", "{\"cart_id\": \"cart-78\"}");
    awaitRelayed(customer);
    assertThat(journeys.runs(customer, id)).hasSize(1);
  }

  @Test
  void anOrderRightBehindItsCartInOneBatchStillEndsTheRun() {
    long id = journeys.publishTemplate("abandoned-cart");
    UUID customer = someCustomer(3);

    TestHttp.Response response =
        http.post(
            "/api/events",
            """
            {"events": [
              {"type": "cart_updated", "customerUuid": "%s", "properties": {"cart_id": "q-1"}},
              {"type": "order_placed", "customerUuid": "%s",
               "properties": {"cart_id": "q-1", "total": 12}}]}\
            """
                .formatted(customer, customer),
            BOOTSTRAP_TOKEN);

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    JsonNode ended = journeys.awaitStatus(customer, id, "exited");
    assertThat(ended.get("endReason").asString()).isEqualTo("exit_event:order_placed");
  }

  private void awaitRelayed(UUID customer) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Integer pending =
          jdbc.queryForObject(
              "select count(*) from customer_events where customer_uuid = ? and relayed_at is null",
              Integer.class,
              customer);
      if (pending != null && pending == 0) {
        JourneyApiClient.pause();
        return;
      }
      JourneyApiClient.pause();
    }
    throw new AssertionError("events of " + customer + " not relayed within 20 s");
  }

  private UUID someCustomer(int offset) {
    return jdbc.queryForObject(
        "select customer_uuid from customers order by customer_uuid offset ? limit 1",
        UUID.class,
        offset);
  }

  private String email(UUID customer) {
    return jdbc.queryForObject(
        "select email from customers where customer_uuid = ?", String.class, customer);
  }

  private long eventCount() {
    return jdbc.queryForObject("select count(*) from customer_events", Long.class);
  }
}
