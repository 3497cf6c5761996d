package com.oxidly.ui.api;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.query.TimeWindow;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OxidlyIntegrationTest
class CustomerQueryApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired PostgresCustomerQueries postgres;
  @Autowired CustomerIndex index;
  TestHttp http;

  @BeforeEach
  void client() throws InterruptedException {
    http = new TestHttp(port);
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void treeQueriesFindTheSameCustomersAsPostgres() {
    String city =
        jdbc.queryForObject(
            "select city from customers where city is not null"
                + " group by city order by count(*) desc, city limit 1",
            String.class);
    String category =
        jdbc.queryForObject(
            "select p.category from order_items i join products p on p.sku = i.sku"
                + " group by p.category order by count(*) desc limit 1",
            String.class);
    List<CustomerQuery> trees =
        List.of(
            CustomerQuery.field(CustomerField.CITY, Op.EQ, city),
            new CustomerQuery.Spent(
                Comparison.gt(100), new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1)),
            new CustomerQuery.Bought(category, null),
            new CustomerQuery.Not(CustomerQuery.field(CustomerField.STATUS, Op.EQ, "active")));

    for (CustomerQuery tree : trees) {
      JsonNode body =
          query("{\"query\": %s, \"size\": 1000}".formatted(JSON.writeValueAsString(tree)));

      long expected = postgres.count(tree);
      assertThat(body.get("total").asLong())
          .as(body.get("readable").asString())
          .isEqualTo(expected);
      assertThat(ids(body))
          .as(body.get("readable").asString())
          .containsExactlyInAnyOrderElementsOf(postgres.matchingIds(tree));
      assertThat(body.get("query")).isEqualTo(JSON.readTree(JSON.writeValueAsString(tree)));
    }
    // The trees must select something, or agreement would prove little.
    assertThat(postgres.count(trees.get(0))).isPositive();
    assertThat(postgres.count(trees.get(2))).isPositive();
    assertThat(postgres.count(trees.get(3))).isPositive();
  }

  @Test
  void answersTheQueryReadablyWithPageAndSize() {
    JsonNode body =
        query(
            """
            {"query": {"type": "and", "all": [
               {"type": "field", "field": "status", "comparison": {"op": "eq", "values": ["Active"]}},
               {"type": "spent", "comparison": {"op": "gt", "values": [500]}}]},
             "page": 0, "size": 5}
            """);

    assertThat(body.get("readable").asString()).isEqualTo("status is active and spent > 500");
    assertThat(body.get("page").asInt()).isZero();
    assertThat(body.get("size").asInt()).isEqualTo(5);
    assertThat(body.get("items").size()).isLessThanOrEqualTo(5);
    assertThat(
            body.get("query").get("all").get(0).get("comparison").get("values").get(0).asString())
        .isEqualTo("active");
  }

  @Test
  void withoutAQueryEveryCustomerMatches() {
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);

    assertThat(query("{}").get("total").asLong()).isEqualTo(customers);
    assertThat(query("{}").get("readable").asString()).isEqualTo("all customers");
    assertThat(query("{}").get("items")).hasSize(50);
  }

  @Test
  void sortsByTotalSpentDescending() {
    JsonNode body = query("{\"size\": 1000, \"sort\": [\"totalSpent,desc\"]}");

    List<BigDecimal> spent = new ArrayList<>();
    body.get("items").forEach(item -> spent.add(item.get("totalSpent").decimalValue()));
    assertThat(spent).hasSize(body.get("total").asInt());
    assertThat(spent).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(spent.getFirst())
        .isEqualByComparingTo(
            jdbc.queryForObject("select max(total_spent) from customers", BigDecimal.class));
  }

  @Test
  void pagesCoverEveryMatchingCustomerExactlyOnce() {
    CustomerQuery tree =
        new CustomerQuery.Not(CustomerQuery.field(CustomerField.STATUS, Op.EQ, "banned"));
    String treeJson = JSON.writeValueAsString(tree);
    List<UUID> seen = new ArrayList<>();
    long total = -1;
    for (int page = 0; page < 100; page++) {
      JsonNode body =
          query(
              "{\"query\": %s, \"page\": %d, \"size\": 17, \"sort\": [\"orderCount,desc\", \"city\"]}"
                  .formatted(treeJson, page));
      total = body.get("total").asLong();
      if (body.get("items").isEmpty()) {
        break;
      }
      seen.addAll(ids(body));
    }

    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).hasSize((int) total);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(postgres.matchingIds(tree));
  }

  @Test
  void cursorsWalkEveryMatchingCustomerInTheSameOrderAsPageNumbers() {
    String sorted = "\"sort\": [\"totalSpent,desc\"], \"size\": 40";
    List<UUID> byNumber = new ArrayList<>();
    for (int page = 0; page < 8; page++) {
      byNumber.addAll(ids(query("{\"page\": %d, %s}".formatted(page, sorted))));
    }
    List<UUID> byCursor = new ArrayList<>();
    JsonNode body = query("{" + sorted + "}");
    byCursor.addAll(ids(body));
    int pages = 1;
    while (!body.get("next").isNull()) {
      body =
          query(
              "{\"after\": %s, %s}"
                  .formatted(JSON.writeValueAsString(body.get("next").asString()), sorted));
      assertThat(body.get("page").isNull()).isTrue();
      byCursor.addAll(ids(body));
      pages++;
    }

    assertThat(pages).isEqualTo(8);
    assertThat(byCursor).hasSize(300).doesNotHaveDuplicates().isEqualTo(byNumber);
    assertProblem("{\"page\": 1, \"after\": \"abc\"}", "either page or after");
    assertProblem("{\"after\": \"not a cursor\"}", "cursor");
  }

  @Test
  void listFiltersMatchTheEquivalentTree() {
    String city =
        jdbc.queryForObject(
            "select city from customers where city is not null"
                + " group by city order by count(*) desc, city limit 1",
            String.class);
    CustomerQuery tree =
        new CustomerQuery.And(
            List.of(
                CustomerQuery.field(CustomerField.CITY, Op.EQ, city),
                CustomerQuery.field(CustomerField.TOTAL_SPENT, Op.GT, 100),
                CustomerQuery.field(CustomerField.STATUS, Op.NEQ, "banned")));

    TestHttp.Response response =
        http.get(
            "/api/customers?size=1000&sort=totalSpent,desc"
                + filter("city:" + city.toUpperCase(java.util.Locale.ROOT))
                + filter("total_spent>100")
                + filter("status!=banned"),
            BOOTSTRAP_TOKEN);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("total").asLong()).isEqualTo(postgres.count(tree)).isPositive();
    assertThat(ids(body)).containsExactlyInAnyOrderElementsOf(postgres.matchingIds(tree));
    List<BigDecimal> spent = new ArrayList<>();
    body.get("items").forEach(item -> spent.add(item.get("totalSpent").decimalValue()));
    assertThat(spent).isSortedAccordingTo(Comparator.reverseOrder());

    CustomerQuery subscribed = CustomerQuery.field(CustomerField.EMAIL_OPT_IN, Op.EQ, true);
    JsonNode optedIn =
        http.get("/api/customers?size=1000" + filter("email_opt_in:true"), BOOTSTRAP_TOKEN).json();
    assertThat(optedIn.get("total").asLong()).isEqualTo(postgres.count(subscribed));
  }

  @Test
  void badFiltersAreRefusedByName() {
    TestHttp.Response unknown =
        http.get("/api/customers?size=10" + filter("colour:red"), BOOTSTRAP_TOKEN);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asString()).contains("colour:red", "total_spent");

    TestHttp.Response notANumber =
        http.get("/api/customers?size=10" + filter("total_spent>lots"), BOOTSTRAP_TOKEN);
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.json().get("detail").asString()).contains("total_spent>lots", "lots");

    TestHttp.Response noOperator =
        http.get("/api/customers?size=10" + filter("vip"), BOOTSTRAP_TOKEN);
    assertThat(noOperator.status()).isEqualTo(400);
    assertThat(noOperator.json().get("detail").asString()).contains("'vip'");
  }

  @Test
  void invalidTreesAreRefusedWithAHelpfulDetail() {
    assertProblem(
        "{\"query\": {\"type\": \"field\", \"field\": \"colour\","
            + " \"comparison\": {\"op\": \"eq\", \"values\": [\"red\"]}}}",
        "unknown field 'colour'",
        "total_spent");
    assertProblem(
        "{\"query\": {\"type\": \"field\", \"field\": \"city\","
            + " \"comparison\": {\"op\": \"bigger\", \"values\": [\"x\"]}}}",
        "unknown operator 'bigger'");
    assertProblem(
        "{\"query\": {\"type\": \"and\", \"all\": [{\"type\": \"field\", \"field\":"
            + " \"total_spent\", \"comparison\": {\"op\": \"gt\", \"values\": [\"lots\"]}}]}}",
        "'lots' is not a number",
        "query.all[0]");
    assertProblem(
        "{\"query\": {\"type\": \"field\", \"field\": \"city\","
            + " \"comparison\": {\"op\": \"gt\", \"values\": [5]}}}",
        "operator gt does not apply to city");
    assertProblem("{\"query\": {\"type\": \"nonsense\"}}", "nonsense", "spent");
    assertProblem("{\"query\": {\"type\": \"and\", \"all\": []}}", "and needs at least one");
    assertProblem("{\"query\": {\"type\": ", "malformed JSON");
    assertProblem("{\"size\": 0}", "size");
    assertProblem("{\"sort\": [\"password\"]}", "password", "totalSpent");
    assertProblem("{\"page\": 1000, \"size\": 1000}", "narrow the query", "export");
  }

  @Test
  void facetCountsAddUpToTheTotal() {
    for (String queryJson :
        List.of(
            "null",
            "{\"type\": \"not\", \"query\": {\"type\": \"field\", \"field\": \"status\","
                + " \"comparison\": {\"op\": \"eq\", \"values\": [\"active\"]}}}",
            "{\"type\": \"spent\", \"comparison\": {\"op\": \"gte\", \"values\": [100]}}")) {
      long total = query("{\"query\": " + queryJson + ", \"size\": 1}").get("total").asLong();

      TestHttp.Response response =
          http.post("/api/customers/facets", "{\"query\": " + queryJson + "}", BOOTSTRAP_TOKEN);

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      JsonNode facets = response.json();
      assertThat(sum(facets.get("status"))).as(queryJson).isEqualTo(total);
      assertThat(sum(facets.get("total_spent"))).as(queryJson).isEqualTo(total);
      assertThat(sum(facets.get("order_count"))).as(queryJson).isEqualTo(total);
      assertThat(labels(facets.get("total_spent")))
          .containsExactly("0", "0-100", "100-500", "500-1000", "1000+");
      assertThat(labels(facets.get("order_count"))).containsExactly("0", "1", "2-4", "5-9", "10+");
    }

    JsonNode all = http.post("/api/customers/facets", "{}", BOOTSTRAP_TOKEN).json();
    String topCity =
        jdbc.queryForObject(
            "select city from customers where city is not null"
                + " group by city order by count(*) desc, city limit 1",
            String.class);
    // Cities are counted folded but shown as customers spell them.
    assertThat(labels(all.get("city"))).contains(topCity);
    assertThat(all.get("status").get(0).get("count").asLong())
        .isEqualTo(
            jdbc.queryForObject(
                "select count(*) from customers group by status order by count(*) desc limit 1",
                Long.class));
    assertThat(all.get("total_spent").get(0).get("count").asLong())
        .isEqualTo(
            jdbc.queryForObject(
                "select count(*) from customers where total_spent = 0", Long.class));
  }

  private JsonNode query(String json) {
    TestHttp.Response response = http.post("/api/customers/query", json, BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private void assertProblem(String json, String... detailParts) {
    TestHttp.Response response = http.post("/api/customers/query", json, BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString()).contains(detailParts);
    assertThat(response.body())
        .doesNotContain("com.oxidly", "tools.jackson", "Exception", "at java.", "$");
  }

  private static List<UUID> ids(JsonNode page) {
    List<UUID> ids = new ArrayList<>();
    page.get("items")
        .forEach(item -> ids.add(UUID.fromString(item.get("customerUuid").asString())));
    return ids;
  }

  private static long sum(JsonNode facet) {
    long sum = 0;
    for (JsonNode bucket : facet) {
      if (bucket.has("count")) {
        sum += bucket.get("count").asLong();
      }
    }
    return sum;
  }

  private static List<String> labels(JsonNode facet) {
    List<String> labels = new ArrayList<>();
    facet.forEach(bucket -> labels.add(bucket.get("value").asString()));
    return labels;
  }

  private static String filter(String filter) {
    return "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }
}
