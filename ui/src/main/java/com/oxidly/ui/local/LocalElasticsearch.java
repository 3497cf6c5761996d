package com.oxidly.ui.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;

/**
 * A real single-node Elasticsearch 8.19 from the Maven Central distribution, run as a child process
 * bound to 127.0.0.1. Elasticsearch refuses to run as root, so when Oxidly runs as root the node
 * runs under an unprivileged system account that owns its data folder.
 */
final class LocalElasticsearch {

  private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);
  private static final String SYSTEM_ACCOUNT = "oxidly-es";
  private static final Map<Integer, LocalElasticsearch> RUNNING = new ConcurrentHashMap<>();

  private final Settings settings;
  private final Process process;

  private LocalElasticsearch(Settings settings, Process process) {
    this.settings = settings;
    this.process = process;
  }

  /**
   * Where the distribution is, where its data lives and how it is sized.
   *
   * @param deleteDataOnStop tests use throw-away data folders
   */
  record Settings(
      Path distribution,
      Path dataRoot,
      int port,
      String heap,
      Duration startTimeout,
      boolean deleteDataOnStop) {

    static Settings from(Environment environment) {
      String distribution = environment.getProperty("oxidly.elasticsearch.local.distribution");
      if (distribution == null || distribution.isBlank()) {
        throw new IllegalStateException(
            "Local Elasticsearch needs oxidly.elasticsearch.local.distribution (the unpacked"
                + " elasticsearch-8.19.21 folder; './oxidly run' sets it), or set"
                + " oxidly.elasticsearch.url to use an existing cluster.");
      }
      return new Settings(
          Path.of(distribution).toAbsolutePath().normalize(),
          Path.of(
                  environment.getProperty(
                      "oxidly.elasticsearch.local.data-dir", ".oxidly/elasticsearch"))
              .toAbsolutePath()
              .normalize(),
          environment.getRequiredProperty("oxidly.elasticsearch.local.port", Integer.class),
          environment.getProperty("oxidly.elasticsearch.local.heap", "512m"),
          Duration.ofSeconds(
              environment.getProperty(
                  "oxidly.elasticsearch.local.start-timeout-seconds", Long.class, 120L)),
          environment.getProperty(
              "oxidly.elasticsearch.local.delete-data-on-stop", Boolean.class, false));
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  /**
   * Starts the node for these settings once per JVM; returns at once (the node boots meanwhile).
   */
  static LocalElasticsearch launch(Settings settings) {
    return RUNNING.computeIfAbsent(settings.port(), port -> start(settings));
  }

  static LocalElasticsearch running(int port) {
    LocalElasticsearch node = RUNNING.get(port);
    if (node == null) {
      throw new IllegalStateException("No local Elasticsearch was launched on port " + port);
    }
    return node;
  }

  private static LocalElasticsearch start(Settings settings) {
    if (isHealthy(settings.url())) {
      // A node left over from a run that was killed (SIGKILL does not reach the child): reuse it.
      log.warn("An Elasticsearch node already answers on {}; using it", settings.url());
      return new LocalElasticsearch(settings, null);
    }
    Path executable = settings.distribution().resolve("bin/elasticsearch");
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(
          "No Elasticsearch distribution at "
              + settings.distribution()
              + " (expected bin/elasticsearch). Build first with './oxidly build', or set"
              + " oxidly.elasticsearch.url to use an existing cluster.");
    }
    try {
      Path root = settings.dataRoot();
      Path config = root.resolve("config");
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("logs"));
      Files.createDirectories(root.resolve("tmp"));
      if (!Files.exists(config.resolve("elasticsearch.yml"))) {
        FileSystemUtils.copyRecursively(settings.distribution().resolve("config"), config);
      }
      boolean asRoot = isRoot();
      if (asRoot) {
        ensureSystemAccount();
        run("chown", "-R", SYSTEM_ACCOUNT + ":" + SYSTEM_ACCOUNT, root.toString());
      }
      List<String> command = new ArrayList<>();
      if (asRoot) {
        command.addAll(List.of("runuser", "-u", SYSTEM_ACCOUNT, "--"));
      }
      command.addAll(
          List.of(
              executable.toString(),
              "-Ecluster.name=oxidly-local",
              "-Ediscovery.type=single-node",
              "-Expack.security.enabled=false",
              "-Enetwork.host=127.0.0.1",
              "-Ehttp.port=" + settings.port(),
              "-Etransport.port=" + (settings.port() + 100),
              "-Epath.data=" + root.resolve("data"),
              "-Epath.logs=" + root.resolve("logs"),
              "-Ecluster.routing.allocation.disk.threshold_enabled=false",
              "-Eaction.destructive_requires_name=false"));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("logs/console.log").toFile());
      Map<String, String> env = builder.environment();
      env.put("ES_JAVA_HOME", System.getProperty("java.home"));
      env.put("ES_PATH_CONF", config.toString());
      env.put("ES_TMPDIR", root.resolve("tmp").toString());
      env.put("ES_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
      log.info(
          "Starting local Elasticsearch on {} with data in {}",
          settings.url(),
          root.resolve("data"));
      Process process = builder.start();
      LocalElasticsearch node = new LocalElasticsearch(settings, process);
      Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "local-elasticsearch-stop"));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start local Elasticsearch", e);
    }
  }

  /** Blocks until the node answers {@code _cluster/health} (GET / answers 405 on this build). */
  void awaitReady() {
    Instant deadline = Instant.now().plus(settings.startTimeout());
    while (Instant.now().isBefore(deadline)) {
      if (isHealthy(settings.url())) {
        log.info("Local Elasticsearch is ready on {}", settings.url());
        return;
      }
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            "Local Elasticsearch exited with code "
                + process.exitValue()
                + "; see "
                + settings.dataRoot().resolve("logs/console.log"));
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "Local Elasticsearch did not become ready on "
            + settings.url()
            + " within "
            + settings.startTimeout().toSeconds()
            + " s; see "
            + settings.dataRoot().resolve("logs/console.log"));
  }

  /** Stops the node and waits for it; idempotent. */
  synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    // runuser forwards SIGTERM to Elasticsearch, which then shuts down cleanly.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(settings.port(), this);
    if (settings.deleteDataOnStop()) {
      try {
        FileSystemUtils.deleteRecursively(settings.dataRoot());
      } catch (IOException e) {
        log.warn("Could not delete {}: {}", settings.dataRoot(), e.getMessage());
      }
    }
    log.info("Local Elasticsearch on {} stopped", settings.url());
  }

  private static boolean isHealthy(String url) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void ensureSystemAccount() throws IOException {
    if (run("id", "-u", SYSTEM_ACCOUNT) == 0) {
      return;
    }
    if (run("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", SYSTEM_ACCOUNT) != 0
        && run("id", "-u", SYSTEM_ACCOUNT) != 0) {
      throw new IOException("Could not create the system account " + SYSTEM_ACCOUNT);
    }
  }

  private static int run(String... command) throws IOException {
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running " + String.join(" ", command), e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
    }
  }
}
