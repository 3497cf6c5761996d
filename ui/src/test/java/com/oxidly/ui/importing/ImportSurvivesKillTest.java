package com.oxidly.ui.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyApplication;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
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

  private static final String TOKEN = "kill-test-token";
  private static final int CUSTOMERS = 100_000;

  @Autowired Environment environment;

  private final String database = "oxidly_kill_" + UUID.randomUUID().toString().replace("-", "");
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void cleanUp() throws SQLException {
    children.forEach(Process::destroyForcibly);
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Test
  void aKilledImportFinishesAfterARestartWithExactCounts() throws Exception {
    int port = freePort();
    int temporalPort = freePort();
    int mailPort = freePort();
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

    Process first = start("first", port, temporalPort, mailPort);
    TestHttp http = awaitReady(first, port);
    TestHttp.Response started =
        http.send(
            "POST", "/api/import/customers?fileName=big.csv", "text/csv", csv.toString(), TOKEN);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String job = started.header("Location");
    JsonNode midway = awaitChunks(http, job, 2);
    first.destroyForcibly().waitFor();

    JdbcTemplate jdbc = jdbc();
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

    Process second = start("second", port, temporalPort, mailPort);
    TestHttp restarted = awaitReady(second, port);
    JsonNode finished = restarted.awaitImport(job, TOKEN, Duration.ofMinutes(5));

    assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(finished.get("inserted").asLong()).isEqualTo(CUSTOMERS);
    assertThat(finished.get("updated").asLong() + finished.get("rejected").asLong()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from customers", Long.class))
        .isEqualTo(CUSTOMERS);
    assertThat(jdbc.queryForObject("select count(*) from consent_events", Long.class))
        .isEqualTo(optedIn);
  }

  private Process start(String name, int port, int temporalPort, int mailPort) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target", "kill-test-" + name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command =
        List.of(
            java,
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            OxidlyApplication.class.getName(),
            "--server.port=" + port,
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/"
                + database
                + "?reWriteBatchedInserts=true",
            "--oxidly.elasticsearch.url=" + environment.getProperty("oxidly.elasticsearch.url"),
            "--oxidly.elasticsearch.index-prefix=" + database + "-",
            "--oxidly.index.outbox.enabled=false",
            "--oxidly.temporal.local.port=" + temporalPort,
            "--oxidly.mail.local.port=" + mailPort,
            "--oxidly.demo.customers=0",
            "--oxidly.security.bootstrap-token=" + TOKEN,
            "--oxidly.security.admin-password=kill-test-admin",
            "--oxidly.security.marketer-password=kill-test-marketer",
            "--logging.level.io.temporal=warn");
    Process process =
        new ProcessBuilder(command)
            .directory(new File("."))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    children.add(process);
    return process;
  }

  private static TestHttp awaitReady(Process process, int port) throws InterruptedException {
    TestHttp http = new TestHttp(port);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the Oxidly process is running (see target/*.log)").isTrue();
      try {
        if (http.get("/api/import/jobs", TOKEN).status() == 200) {
          return http;
        }
      } catch (RuntimeException notListeningYet) {
        // Connection refused until the web server is up.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Oxidly did not start within 3 minutes");
  }

  private static JsonNode awaitChunks(TestHttp http, String job, int chunks)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode current = http.get(job, TOKEN).json();
      assertThat(current.get("status").asString()).isIn("STAGED", "RUNNING");
      if (current.get("chunksApplied").asInt() >= chunks) {
        return current;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(job + " applied fewer than " + chunks + " chunks in 3 minutes");
  }

  private JdbcTemplate jdbc() {
    return new JdbcTemplate(
        new DriverManagerDataSource(
            "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", ""));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
