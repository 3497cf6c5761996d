package com.oxidly.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Drift made behind Oxidly's back is found and repaired through the change log. */
@OxidlyIntegrationTest
class IndexConsistencyTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ElasticsearchClient elasticsearch;
  @Autowired CustomerIndex index;

  @Test
  void findsMissingSuperfluousAndStaleDocumentsAndRepairsThem() throws Exception {
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);
    IndexCatchUp.await(index, jdbc);
    String target = index.currentIndices().iterator().next();
    UUID dropped =
        jdbc.queryForObject(
            "select customer_uuid from customers order by customer_uuid limit 1", UUID.class);
    UUID ghost = UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff");
    elasticsearch.delete(
        d ->
            d.index(target)
                .id(dropped.toString())
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
    elasticsearch.index(
        i ->
            i.index(target)
                .id(ghost.toString())
                .document(Map.of("customer_uuid", ghost.toString(), "email", "ghost@example.com"))
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));

    TestHttp http = new TestHttp(port);
    JsonNode report =
        http.post("/api/admin/index/check?sample=300", "", TestHttp.BOOTSTRAP_TOKEN).json();
    assertThat(report.get("missing").asInt()).isEqualTo(1);
    assertThat(report.get("superfluous").asInt()).isEqualTo(1);
    assertThat(report.get("consistent").asBoolean()).isFalse();

    for (int attempt = 0; attempt < 100; attempt++) {
      JsonNode again =
          http.post("/api/admin/index/check?sample=300", "", TestHttp.BOOTSTRAP_TOKEN).json();
      if (again.get("consistent").asBoolean()) {
        assertThat(again.get("indexCount").asLong()).isEqualTo(customers);
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the index was not repaired");
  }
}
