package com.oxidly.ui.importing;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.ElasticsearchCustomerQueries;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A file through the API, applied by the workflow, reported, and searchable afterwards. */
@OxidlyIntegrationTest
class ImportApiTest {

  static final String CUSTOMERS =
      """
      email,first_name,last_name,city,country,status,email_opt_in,attr_shoe_size
      import-ada@example.com,Ada,Lovelace,London,United Kingdom,active,true,38
      import-alan@example.com,Alan,Turing,Manchester,GB,active,false,43
      not-an-email,Broken,Row,Paris,FR,vip,maybe,40
      import-grace@example.com,Grace,Hopper,"New York",US,active,true,37
      """;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  @Autowired ElasticsearchCustomerQueries search;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  @AfterEach
  void removeImportedCustomers() {
    jdbc.update("delete from customers where email like 'import-%@example.com'");
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void importsGoodRowsReportsBadOnesAndIsIdempotent() throws Exception {
    JsonNode first = finished(upload(CUSTOMERS));

    assertThat(first.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(first.get("inserted").asLong()).isEqualTo(3);
    assertThat(first.get("rejected").asLong()).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select attributes->>'shoe_size' from customers where email ="
                    + " 'import-ada@example.com'",
                String.class))
        .isEqualTo("38");

    String rejections =
        new TestHttp(port)
            .get("/api/import/jobs/" + first.get("id").asString() + "/rejections", BOOTSTRAP_TOKEN)
            .body();
    assertThat(rejections)
        .contains("not-an-email")
        .contains("email")
        .contains("status")
        .contains("email_opt_in");
    assertThat(rejections.lines().filter(line -> line.startsWith("4,")).count())
        .as("row 4 (the header is row 1) reported once per bad column")
        .isEqualTo(3);

    JsonNode again = finished(upload(CUSTOMERS));
    assertThat(again.get("inserted").asLong()).isZero();
    assertThat(again.get("updated").asLong()).isZero();
    assertThat(again.get("unchanged").asLong()).isEqualTo(3);

    // The change log carries imported customers into search without any extra step.
    long deadline = System.nanoTime() + 2_000_000_000L;
    CustomerQuery imported = CustomerQuery.field(CustomerField.EMAIL_DOMAIN, Op.EQ, "example.com");
    while (search
        .matchingIds(
            CustomerQuery.and(
                imported, CustomerQuery.field(CustomerField.LAST_NAME, Op.EQ, "hopper")))
        .isEmpty()) {
      assertThat(System.nanoTime())
          .as("imported customers searchable within 2 s")
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aFileWithAnUnknownColumnIsRejectedWholeNamingTheColumn() throws Exception {
    HttpResponse<String> response = post("email,first_name,emial\nx@example.com,X,y\n");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("emial");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where email = 'x@example.com'", Long.class))
        .isZero();
  }

  private JsonNode upload(String csv) throws Exception {
    HttpResponse<String> response = post(csv);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location")).isPresent();
    return new TestHttp(port)
        .get(response.headers().firstValue("Location").orElseThrow(), BOOTSTRAP_TOKEN)
        .json();
  }

  private JsonNode finished(JsonNode job) {
    return new TestHttp(port)
        .awaitImport(
            "/api/import/jobs/" + job.get("id").asString(),
            BOOTSTRAP_TOKEN,
            Duration.ofSeconds(30));
  }

  private HttpResponse<String> post(String csv) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + port + "/api/import/customers?fileName=people.csv"))
              .header("Authorization", "Bearer " + BOOTSTRAP_TOKEN)
              .header("Content-Type", "text/csv")
              .POST(HttpRequest.BodyPublishers.ofString(csv))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
