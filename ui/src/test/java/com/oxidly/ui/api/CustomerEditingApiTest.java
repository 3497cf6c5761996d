package com.oxidly.ui.api;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@OxidlyIntegrationTest
class CustomerEditingApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerSearch search;
  TestHttp http;
  final List<String> created = new ArrayList<>();

  @Autowired CustomerIndex index;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
    IndexCatchUp.await(index, jdbc);
  }

  @AfterEach
  void eraseWhatWasCreated() {
    for (String uuid : created) {
      jdbc.update("delete from customers where customer_uuid = ?::uuid", uuid);
    }
  }

  @Test
  void createsACustomerWithDefaultsAndRecordsTheConsentGiven() {
    TestHttp.Response response =
        create(
            """
            {"email": "  Ana.Lima@Example.COM ", "firstName": "Ana", "lastName": "Lima",
             "country": "Brazil", "phone": "(11) 96123-4567", "yearOfBirth": 1990,
             "emailOptIn": true, "tags": ["vip", " vip", "early"],
             "attributes": {"shoe_size": 38}}
            """);

    assertThat(response.status()).isEqualTo(201);
    JsonNode customer = response.json();
    String uuid = customer.get("customerUuid").asString();
    assertThat(response.header("Location")).isEqualTo("/api/customers/" + uuid);
    assertThat(response.header("ETag")).isEqualTo("\"0\"");
    assertThat(customer.get("email").asString()).isEqualTo("ana.lima@example.com");
    assertThat(customer.get("country").asString()).isEqualTo("BR");
    assertThat(customer.get("phone").asString()).isEqualTo("+5511961234567");
    assertThat(customer.get("timeZone").asString()).isEqualTo("America/Sao_Paulo");
    assertThat(customer.get("status").asString()).isEqualTo("active");
    assertThat(customer.get("tags").toString()).isEqualTo("[\"vip\",\"early\"]");
    assertThat(customer.get("attributes").get("shoe_size").asInt()).isEqualTo(38);
    assertThat(customer.get("emailConsentAt").isNull()).isFalse();
    assertThat(customer.get("smsConsentAt").isNull()).isTrue();
    assertThat(customer.get("totalSpent").asDouble()).isZero();
    assertThat(
            jdbc.queryForList(
                "select channel || ':' || opted_in || ':' || source from consent_events"
                    + " where customer_uuid = ?::uuid",
                String.class,
                uuid))
        .containsExactly("email:true:api");
    assertThat(http.get("/api/customers/" + uuid, BOOTSTRAP_TOKEN).status()).isEqualTo(200);
    awaitIndexed("ana.lima@example.com", 1);
  }

  @Test
  void namesEveryBadFieldAndWritesNothing() {
    TestHttp.Response response =
        create(
            """
            {"email": "not-an-email", "yearOfBirth": 1850, "status": "gone",
             "emailOptIn": "yes", "totalSpent": 10, "favouriteColour": "red",
             "timeZone": "Mars/Olympus"}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode body = response.json();
    List<String> fields = new ArrayList<>();
    body.get("errors").forEach(error -> fields.add(error.get("field").asString()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "email",
            "firstName",
            "yearOfBirth",
            "status",
            "emailOptIn",
            "totalSpent",
            "favouriteColour",
            "timeZone");
    assertThat(body.get("detail").asString())
        .contains("8 fields are invalid")
        .contains("yearOfBirth must be between 1900")
        .contains("firstName is required")
        .doesNotContain("Exception");
    assertThat(jdbc.queryForObject("select count(*) from customers", Long.class)).isEqualTo(300);
  }

  @Test
  void refusesATakenEmailWithWhereItIs() {
    String existing =
        jdbc.queryForObject(
            "select email from customers order by customer_uuid limit 1", String.class);

    TestHttp.Response response =
        create("{\"email\": \"" + existing.toUpperCase() + "\", \"firstName\": \"Twin\"}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("existing").asString()).startsWith("/api/customers/");
  }

  @Test
  void patchesOnlyTheGivenFieldsAndGuardsAgainstLostUpdates() {
    String uuid =
        create(
                """
                {"email": "max@example.de", "firstName": "Max", "country": "DE",
                 "city": "Berlin", "smsOptIn": true, "attributes": {"a": "1", "b": "2"}}
                """)
            .json()
            .get("customerUuid")
            .asString();

    TestHttp.Response patched =
        patch(
            uuid,
            """
            {"city": "München", "smsOptIn": false, "lastName": null,
             "attributes": {"a": null, "c": true}}
            """,
            "\"0\"");

    assertThat(patched.status()).isEqualTo(200);
    JsonNode customer = patched.json();
    assertThat(customer.get("city").asString()).isEqualTo("München");
    assertThat(customer.get("firstName").asString()).isEqualTo("Max");
    assertThat(customer.get("smsOptIn").asBoolean()).isFalse();
    assertThat(customer.get("attributes").toString()).isEqualTo("{\"b\":\"2\",\"c\":true}");
    assertThat(customer.get("version").asInt()).isEqualTo(1);
    assertThat(patched.header("ETag")).isEqualTo("\"1\"");
    assertThat(
            jdbc.queryForList(
                "select channel || ':' || opted_in from consent_events"
                    + " where customer_uuid = ?::uuid order by id",
                String.class,
                uuid))
        .containsExactly("sms:true", "sms:false");

    TestHttp.Response stale = patch(uuid, "{\"city\": \"Hamburg\"}", "\"0\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().get("currentVersion").asInt()).isEqualTo(1);

    TestHttp.Response unchanged = patch(uuid, "{\"city\": \"München\"}", null);
    assertThat(unchanged.json().get("version").asInt()).isEqualTo(1);

    TestHttp.Response bad = patch(uuid, "{\"phone\": \"12\", \"version\": 7}", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").toString()).contains("phone").contains("version");
    assertThat(patch(UUID.randomUUID().toString(), "{\"city\": \"X\"}", null).status())
        .isEqualTo(404);
  }

  @Test
  void explainsABodyThatIsNotJson() {
    TestHttp.Response response =
        http.send("POST", "/api/customers", "application/json", "{\"email\": ", BOOTSTRAP_TOKEN);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asString())
        .contains("malformed JSON")
        .doesNotContain("tools.jackson");
  }

  @Test
  void erasesACustomerWithEverythingRecordedAboutThem() {
    String uuid =
        create("{\"email\": \"gone@example.com\", \"firstName\": \"Gone\", \"emailOptIn\": true}")
            .json()
            .get("customerUuid")
            .asString();
    awaitIndexed("gone@example.com", 1);

    assertThat(http.delete("/api/customers/" + uuid, BOOTSTRAP_TOKEN).status()).isEqualTo(204);

    assertThat(http.get("/api/customers/" + uuid, BOOTSTRAP_TOKEN).status()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from consent_events where customer_uuid = ?::uuid",
                Long.class,
                uuid))
        .isZero();
    assertThat(http.delete("/api/customers/" + uuid, BOOTSTRAP_TOKEN).status()).isEqualTo(404);
    awaitIndexed("gone@example.com", 0);
  }

  private TestHttp.Response create(String json) {
    TestHttp.Response response = http.post("/api/customers", json, BOOTSTRAP_TOKEN);
    if (response.status() == 201) {
      created.add(response.json().get("customerUuid").asString());
    }
    return response;
  }

  private TestHttp.Response patch(String uuid, String json, String ifMatch) {
    return ifMatch == null
        ? http.send(
            "PATCH",
            "/api/customers/" + uuid,
            "application/merge-patch+json",
            json,
            BOOTSTRAP_TOKEN)
        : http.send(
            "PATCH",
            "/api/customers/" + uuid,
            "application/merge-patch+json",
            json,
            BOOTSTRAP_TOKEN,
            "If-Match",
            ifMatch);
  }

  /** The outbox brings every change to the index within 2 seconds; allow 10 on a busy machine. */
  private void awaitIndexed(String email, long expected) {
    CustomerQuery byEmail = new CustomerQuery.Field(CustomerField.EMAIL, Comparison.eq(email));
    long deadline = System.nanoTime() + 10_000_000_000L;
    long found = -1;
    while (System.nanoTime() < deadline) {
      found = search.search(byEmail, 0, 10, List.of()).total();
      if (found == expected) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertThat(found).as("customers indexed with email " + email).isEqualTo(expected);
  }
}
