package com.oxidly.ui.analytics;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.ElasticsearchCustomerQueries;
import com.oxidly.ui.DemoPersonas;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Personas end to end on the demo store: the analytics refresh fits and assigns them, the API shows
 * them as cards and on every customer, and the index finds customers by persona as PostgreSQL does.
 */
@OxidlyIntegrationTest
class PersonaApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  @Autowired CustomerSearch search;
  @Autowired PostgresCustomerQueries postgres;
  @Autowired ElasticsearchCustomerQueries elasticsearch;
  @Autowired ElasticsearchClient client;

  /** Other tests read the demo store's vocabulary: personas are left as they were, none. */
  @AfterEach
  void forgetPersonas() {
    DemoPersonas.forget(jdbc);
  }

  @Test
  void theRefreshGivesEveryCustomerAPersonaSeenInTheApiAndTheIndex() throws Exception {
    TestHttp http = new TestHttp(port);
    assertThat(http.post("/api/analytics/refresh", "", BOOTSTRAP_TOKEN).status()).isEqualTo(202);
    AnalyticsRefreshApiTest.awaitDone(http);
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);
    assertThat(http.get("/api/analytics/refresh", BOOTSTRAP_TOKEN).json().get("assigned").asLong())
        .isEqualTo(customers);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where persona_id is null or persona is null",
                Long.class))
        .isZero();

    TestHttp.Response response = http.get("/api/analytics/personas", BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode model = response.json();
    assertThat(model.get("k").asInt()).isBetween(3, 8);
    List<String> names = new ArrayList<>();
    long sized = 0;
    for (JsonNode persona : model.get("personas")) {
      names.add(persona.get("name").asString());
      sized += persona.get("size").asLong();
      assertThat(persona.get("description").asString().split("(?<=[.!?])\\s+")).hasSize(2);
      JsonNode trait = persona.get("traits").get(0);
      assertThat(trait.has("value") && trait.has("storeAverage") && trait.has("deviation"))
          .isTrue();
    }
    assertThat(new HashSet<>(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()))
        .hasSize(names.size());
    assertThat(sized).isEqualTo(customers);

    UUID customer =
        jdbc.queryForObject(
            "select customer_uuid from customers where predicted_clv is not null limit 1",
            UUID.class);
    String persona =
        jdbc.queryForObject(
            "select persona from customers where customer_uuid = ?", String.class, customer);
    assertThat(
            http.get("/api/customers/" + customer, BOOTSTRAP_TOKEN)
                .json()
                .get("persona")
                .asString())
        .isEqualTo(persona);

    IndexCatchUp.await(index, jdbc);
    String largest = names.getFirst();
    CustomerQuery byPersona =
        new CustomerQuery.Field(
            CustomerField.PERSONA, Comparison.of(Op.EQ, largest.toUpperCase(Locale.ROOT)));
    List<UUID> expected = postgres.matchingIds(byPersona);
    assertThat(expected).hasSize((int) model.get("personas").get(0).get("size").asLong());
    Awaitility.await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () ->
                assertThat(new HashSet<>(elasticsearch.matchingIds(byPersona)))
                    .isEqualTo(new HashSet<>(expected)));
    assertThat(search.facets(new CustomerQuery.All(), 20).get("persona"))
        .hasSize(names.size())
        .anySatisfy(
            facet -> {
              assertThat(facet.value()).isEqualToIgnoringCase(largest);
              assertThat(facet.count()).isEqualTo(expected.size());
            });
    @SuppressWarnings("unchecked")
    Map<String, Object> document =
        client.get(g -> g.index(index.alias()).id(customer.toString()), Map.class).source();
    assertThat(document).containsKeys("expected_purchases", "expected_average_spend");
    assertThat(document.get("expected_purchases"))
        .isEqualTo(
            jdbc.queryForObject(
                "select expected_purchases from customers where customer_uuid = ?",
                Double.class,
                customer));
  }

  @Test
  void beforeAnyRefreshThereAreNoPersonasAsProblemJson() {
    jdbc.update("update persona_models set assigned_at = null");
    TestHttp.Response response = new TestHttp(port).get("/api/analytics/personas", BOOTSTRAP_TOKEN);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString()).contains("analytics refresh");
  }
}
