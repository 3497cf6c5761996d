package com.oxidly.ui.importing;

import static com.oxidly.ui.OxidlyProcesses.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.OxidlyProcesses;
import com.oxidly.ui.TestHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The durability promise of imports, tested the hard way: a separate Oxidly process is killed with
 * SIGKILL in the middle of applying a file, a new process is started on the same database, and the
 * job must finish with exact counts: no row lost, none applied twice (consent events would double).
 *
 * <p>The child processes use this suite's Elasticsearch node (with their own index prefix and no
 * outbox indexer, to keep the machine free) and each run their own embedded Temporal server, which
 * dies with them: exactly the case where only Oxidly's own job table can resume the work.
 */
@OxidlyIntegrationTest
class ImportSurvivesKillTest {

  private static final int CUSTOMERS = 100_000;

  @Autowired Environment environment;

  private OxidlyProcesses processes;

  @BeforeEach
  void processes() {
    int temporalPort = OxidlyProcesses.freePort();
    int mailPort = OxidlyProcesses.freePort();
    processes =
        new OxidlyProcesses(
            "kill",
            environment.getProperty("oxidly.elasticsearch.url"),
            List.of(
                "--oxidly.index.outbox.enabled=false",
                "--oxidly.temporal.local.port=" + temporalPort,
                "--oxidly.mail.local.port=" + mailPort));
  }

  @AfterEach
  void cleanUp() throws Exception {
    processes.close();
  }

  @Test
  void aKilledImportFinishesAfterARestartWithExactCounts() {
    int port = OxidlyProcesses.freePort();
    StringBuilder csv = new StringBuilder("email,first_name,country,email_opt_in\n");
    long optedIn = 0;
    for (int i = 0; i < CUSTOMERS; i++) {
      boolean optIn = i % 3 == 0;
      optedIn += optIn ? 1 : 0;
      csv.append("kill")
          .append(i)
          .append("@example.com,Customer")
          .append(i)
          .append(",DE,")
          .append(optIn)
          .append('\n');
    }

    Process first = processes.start("first", List.of("--server.port=" + port));
    TestHttp http = OxidlyProcesses.awaitReady(first, port);
    TestHttp.Response started =
        http.send(
            "POST", "/api/import/customers?fileName=big.csv", "text/csv", csv.toString(), TOKEN);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String job = started.header("Location");
    JsonNode midway = awaitChunks(http, job, 2);
    OxidlyProcesses.kill(first);

    JdbcTemplate jdbc = processes.jdbc();
    String jobId = midway.get("id").asString();
    assertThat(
            jdbc.queryForObject(
                "select status from import_jobs where job_id = ?::uuid", String.class, jobId))
        .as("the job was cut off in the middle")
        .isEqualTo("running");
    long appliedAtKill =
        jdbc.queryForObject(
            "select count(*) from import_chunks where job_id = ?::uuid and applied_at is not null",
            Long.class,
            jobId);
    assertThat(appliedAtKill).isBetween(2L, (long) midway.get("chunkCount").asInt() - 1);

    Process second = processes.start("second", List.of("--server.port=" + port));
    TestHttp restarted = OxidlyProcesses.awaitReady(second, port);
    JsonNode finished = restarted.awaitImport(job, TOKEN, Duration.ofMinutes(5));

    assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(finished.get("inserted").asLong()).isEqualTo(CUSTOMERS);
    assertThat(finished.get("updated").asLong() + finished.get("rejected").asLong()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from customers", Long.class))
        .isEqualTo(CUSTOMERS);
    assertThat(jdbc.queryForObject("select count(*) from consent_events", Long.class))
        .isEqualTo(optedIn);
  }

  private static JsonNode awaitChunks(TestHttp http, String job, int chunks) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode current = http.get(job, TOKEN).json();
      assertThat(current.get("status").asString()).isIn("STAGED", "RUNNING");
      if (current.get("chunksApplied").asInt() >= chunks) {
        return current;
      }
      OxidlyProcesses.sleep(Duration.ofMillis(10));
    }
    throw new AssertionError(job + " applied fewer than " + chunks + " chunks in 3 minutes");
  }
}
