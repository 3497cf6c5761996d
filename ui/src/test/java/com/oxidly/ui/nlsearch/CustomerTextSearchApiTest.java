package com.oxidly.ui.nlsearch;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OxidlyIntegrationTest
class CustomerTextSearchApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  @Autowired PostgresCustomerQueries reference;
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void findsExactlyTheCustomersTheSentenceMeansAndShowsItsReading() {
    String city =
        jdbc.queryForObject(
            "select city from customers group by city order by count(*) desc, city limit 1",
            String.class);

    JsonNode body = search("Show me customers from " + city + " who spent over $100");

    JsonNode interpretation = body.get("interpretation");
    assertThat(interpretation.get("source").asString()).isEqualTo("local");
    assertThat(interpretation.get("notice").isNull()).isTrue();
    assertThat(interpretation.get("readable").asString()).containsIgnoringCase(city);
    assertThat(interpretation.get("ignored")).isEmpty();
    CustomerQuery filters = JSON.treeToValue(interpretation.get("filters"), CustomerQuery.class);
    long expected =
        jdbc.queryForObject(
            "select count(*) from customers where lower(city) = lower(?) and total_spent > 100",
            Long.class,
            city);
    assertThat(expected).isPositive();
    assertThat(reference.count(filters)).isEqualTo(expected);
    assertThat(body.get("total").asLong()).isEqualTo(expected);
    body.get("items")
        .forEach(
            item -> {
              assertThat(item.get("city").asString()).isEqualToIgnoringCase(city);
              assertThat(item.get("totalSpent").asDouble()).isGreaterThan(100);
            });
  }

  @Test
  void reportsTheWordsItDidNotUnderstand() {
    JsonNode body = search("flibbertigibbet customers who are active");

    assertThat(body.get("interpretation").get("ignored").toString()).contains("flibbertigibbet");
    long active =
        jdbc.queryForObject("select count(*) from customers where status = 'active'", Long.class);
    assertThat(body.get("total").asLong()).isEqualTo(active);
  }

  @Test
  void ranksCustomersByWhatTheyWroteForWordsThatAreNotConditions() {
    JsonNode body = search("customers who complained about late delivery");

    JsonNode interpretation = body.get("interpretation");
    assertThat(interpretation.get("freeText").toString()).contains("late").contains("delivery");
    assertThat(body.get("total").asLong()).isPositive();
    List<String> uuids = new ArrayList<>();
    body.get("items").forEach(item -> uuids.add(item.get("customerUuid").asString()));
    for (String uuid : uuids) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from (select body from reviews where customer_uuid = ?::uuid"
                      + " union all select coalesce(subject, '') || ' ' || coalesce(body, '')"
                      + " from interactions where customer_uuid = ?::uuid) t"
                      + " where body ilike '%late%' or body ilike '%deliver%'",
                  Long.class, uuid, uuid))
          .as("customer " + uuid + " wrote about it")
          .isPositive();
    }
  }

  @Test
  void anEmptySearchIsEveryCustomerAndATooLongOneIsRefused() {
    assertThat(search("").get("total").asLong()).isEqualTo(300);

    TestHttp.Response tooLong =
        http.get("/api/customers/search?q=" + "a".repeat(501), BOOTSTRAP_TOKEN);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asString()).contains("500");
  }

  @Test
  void exportsTheCustomersASentenceMeans() {
    long active =
        jdbc.queryForObject("select count(*) from customers where status = 'active'", Long.class);

    TestHttp.Response export =
        http.get("/api/customers/export?q=" + encode("active customers"), BOOTSTRAP_TOKEN);

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().lines().count() - 1).isEqualTo(active);
  }

  private JsonNode search(String sentence) {
    TestHttp.Response response =
        http.get("/api/customers/search?size=100&q=" + encode(sentence), BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
