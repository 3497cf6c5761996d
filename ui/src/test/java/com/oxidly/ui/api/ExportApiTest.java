package com.oxidly.ui.api;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.importing.ImportKind;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@OxidlyIntegrationTest
class ExportApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  @Test
  void exportsEveryCustomerInTheImportFormat() throws IOException {
    TestHttp.Response response = http.get("/api/customers/export", BOOTSTRAP_TOKEN);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/csv");
    assertThat(response.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"customers-2026-11-15.csv\"");
    List<CSVRecord> rows = parse(response.body());
    assertThat(rows).hasSize(300);
    assertThat(header(response.body()))
        .startsWith(ImportKind.CUSTOMERS.columns().toArray(String[]::new));
    String firstEmail = jdbc.queryForObject("select min(email) from customers", String.class);
    CSVRecord first = rows.getFirst();
    assertThat(first.get("email")).isEqualTo(firstEmail);
    assertThat(first.get("signup_date")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(first.get("email_opt_in")).isIn("true", "false");
  }

  @Test
  void exportedFilesImportAgainWithoutChangingAnything() throws Exception {
    for (ImportKind kind : ImportKind.values()) {
      TestHttp.Response export = http.get("/api/export/" + kind.path(), BOOTSTRAP_TOKEN);
      assertThat(export.status()).as(kind.path()).isEqualTo(200);
      long rows = parse(export.body()).size();
      assertThat(rows).as(kind.path()).isPositive();

      JsonNode job = importAndWait(kind, export.body());

      assertThat(job.get("status").asString()).as(kind.path()).isEqualTo("COMPLETED");
      assertThat(job.get("unchanged").asLong()).as(kind.path() + " unchanged").isEqualTo(rows);
      assertThat(job.get("rejected").asLong()).as(kind.path() + " rejected").isZero();
    }
  }

  @Test
  void limitsEveryKindToTheCustomersMatchingTheFilters() throws IOException {
    String country =
        jdbc.queryForObject(
            "select country from customers group by country order by count(*) desc limit 1",
            String.class);
    long customers =
        jdbc.queryForObject(
            "select count(*) from customers where country = ? and total_spent > 100",
            Long.class,
            country);
    long orders =
        jdbc.queryForObject(
            "select count(*) from orders o join customers c using (customer_uuid)"
                + " where c.country = ? and c.total_spent > 100",
            Long.class,
            country);
    String filters = "?filter=country:" + country + "&filter=total_spent%3E100";

    assertThat(parse(http.get("/api/customers/export" + filters, BOOTSTRAP_TOKEN).body()))
        .hasSize((int) customers)
        .allSatisfy(row -> assertThat(row.get("country")).isEqualTo(country));
    assertThat(parse(http.get("/api/export/orders" + filters, BOOTSTRAP_TOKEN).body()))
        .hasSize((int) orders);

    String tree =
        """
        {"type": "and", "all": [
          {"type": "field", "field": "country", "comparison": {"op": "eq", "values": ["%s"]}},
          {"type": "spent", "comparison": {"op": "gt", "values": [100]}}]}\
        """
            .formatted(country);
    assertThat(
            parse(
                http.get(
                        "/api/customers/export?query="
                            + URLEncoder.encode(tree, StandardCharsets.UTF_8),
                        BOOTSTRAP_TOKEN)
                    .body()))
        .hasSize((int) customers);
    assertThat(
            parse(
                http.post("/api/customers/export", "{\"query\":" + tree + "}", BOOTSTRAP_TOKEN)
                    .body()))
        .hasSize((int) customers);
  }

  @Test
  void refusesWhatItCannotExportBeforeWritingAnything() {
    TestHttp.Response products =
        http.get("/api/export/products?filter=country:DE", BOOTSTRAP_TOKEN);
    assertThat(products.status()).isEqualTo(400);
    assertThat(products.contentType()).startsWith("application/problem+json");
    assertThat(products.json().get("detail").asString()).contains("products");

    TestHttp.Response kind = http.get("/api/export/invoices", BOOTSTRAP_TOKEN);
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.json().get("detail").asString()).contains("invoices").contains("order-items");

    TestHttp.Response query =
        http.get(
            "/api/customers/export?query="
                + URLEncoder.encode("{\"type\":\"shoe\"}", StandardCharsets.UTF_8),
            BOOTSTRAP_TOKEN);
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.json().get("detail").asString()).contains("shoe");

    assertThat(http.get("/api/customers/export", null).status()).isEqualTo(401);
  }

  @Test
  void viewersCannotTakeTheCustomerBaseAway() {
    TestHttp.Response created =
        http.post(
            "/api/tokens", "{\"name\":\"export-viewer\",\"role\":\"viewer\"}", BOOTSTRAP_TOKEN);
    String viewer = created.json().get("token").asString();
    try {
      assertThat(http.get("/api/customers?size=1", viewer).status()).isEqualTo(200);
      assertThat(http.get("/api/customers/export", viewer).status()).isEqualTo(403);
      assertThat(http.get("/api/export/orders", viewer).status()).isEqualTo(403);
    } finally {
      http.delete(
          "/api/tokens/" + created.json().get("info").get("id").asString(), BOOTSTRAP_TOKEN);
    }
  }

  private JsonNode importAndWait(ImportKind kind, String csv) {
    TestHttp.Response started =
        http.send("POST", "/api/import/" + kind.path(), "text/csv", csv, BOOTSTRAP_TOKEN);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    return http.awaitImport(started.header("Location"), BOOTSTRAP_TOKEN, Duration.ofMinutes(1));
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))) {
      return parser.getRecords();
    }
  }

  private static String[] header(String csv) {
    return csv.lines().findFirst().orElseThrow().split(",");
  }
}
