package com.oxidly.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Separate Oxidly processes on a database of their own, for tests that kill a node with SIGKILL and
 * start another: the only honest way to test what survives a crash. The processes share the suite's
 * Elasticsearch node under their own index prefix; closing kills every process still running and
 * drops the database.
 */
public final class OxidlyProcesses implements AutoCloseable {

  public static final String TOKEN = "process-test-token";

  private final String name;
  private final String database;
  private final String elasticsearchUrl;
  private final List<String> sharedArguments;
  private final List<Process> processes = new ArrayList<>();

  /**
   * @param name prefix of the database and of the log files under {@code target/}
   * @param elasticsearchUrl the suite's node
   * @param sharedArguments Spring arguments every process gets besides the database, index prefix,
   *     token and accounts
   */
  public OxidlyProcesses(String name, String elasticsearchUrl, List<String> sharedArguments) {
    this.name = name;
    this.database = "oxidly_" + name + "_" + UUID.randomUUID().toString().replace("-", "");
    this.elasticsearchUrl = elasticsearchUrl;
    this.sharedArguments = List.copyOf(sharedArguments);
  }

  /** Starts a process (its output goes to {@code target/<name>-<label>.log}). */
  public Process start(String label, List<String> arguments) {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target", name + "-" + label + ".log");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            OxidlyApplication.class.getName(),
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/"
                + database
                + "?reWriteBatchedInserts=true",
            "--oxidly.elasticsearch.url=" + elasticsearchUrl,
            "--oxidly.elasticsearch.index-prefix=" + database + "-",
            "--oxidly.demo.customers=0",
            "--oxidly.security.bootstrap-token=" + TOKEN,
            "--oxidly.security.admin-password=" + name + "-admin",
            "--oxidly.security.marketer-password=" + name + "-marketer",
            "--logging.level.io.temporal=warn"));
    command.addAll(sharedArguments);
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(new File("."))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the process answers HTTP on {@code port} with the test token. */
  public static TestHttp awaitReady(Process process, int port) {
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
      sleep(Duration.ofMillis(250));
    }
    throw new AssertionError("Oxidly did not start within 3 minutes");
  }

  /** Kills the process the way a crash does (SIGKILL) and waits until it is gone. */
  public static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The processes' database (after the first process created it). */
  public JdbcTemplate jdbc() {
    return new JdbcTemplate(
        new DriverManagerDataSource(
            "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", ""));
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() throws SQLException {
    processes.forEach(OxidlyProcesses::kill);
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }
}
