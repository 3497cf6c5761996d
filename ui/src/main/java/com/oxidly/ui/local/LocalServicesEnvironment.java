package com.oxidly.ui.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides, before any bean exists, which services Oxidly runs for itself: whatever is not
 * configured (an Elasticsearch URL, a Temporal target, an SMTP host) is started locally, and the
 * matching connection properties are pointed at it. Also applies {@code oxidly.mode}.
 *
 * <p>The local Elasticsearch node is launched here already, because it takes seconds to boot and
 * can do so while the rest of the application context starts.
 */
class LocalServicesEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "oxidlyLocalServices";

  @Override
  public int getOrder() {
    // After application.yaml and profiles are loaded, so their values are seen.
    return Ordered.LOWEST_PRECEDENCE - 10;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    Map<String, Object> derived = new LinkedHashMap<>();
    applyMode(environment, derived);
    if (isBlank(environment.getProperty("oxidly.elasticsearch.url"))) {
      int port = port(environment, "oxidly.elasticsearch.local.port", 9200);
      derived.put("oxidly.elasticsearch.local.enabled", "true");
      derived.put("oxidly.elasticsearch.local.port", String.valueOf(port));
      derived.put("oxidly.elasticsearch.url", "http://127.0.0.1:" + port);
    }
    if (isBlank(environment.getProperty("spring.temporal.connection.target"))
        && !environment.getProperty("spring.temporal.test-server.enabled", Boolean.class, false)) {
      int port = port(environment, "oxidly.temporal.local.port", 7233);
      derived.put("oxidly.temporal.local.enabled", "true");
      derived.put("oxidly.temporal.local.port", String.valueOf(port));
      derived.put("spring.temporal.connection.target", "127.0.0.1:" + port);
    }
    if (isBlank(environment.getProperty("spring.mail.host"))) {
      int port = port(environment, "oxidly.mail.local.port", 2525);
      derived.put("oxidly.mail.local.enabled", "true");
      derived.put("oxidly.mail.local.port", String.valueOf(port));
      derived.put("spring.mail.host", "127.0.0.1");
      derived.put("spring.mail.port", String.valueOf(port));
    }
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
    if ("true".equals(derived.get("oxidly.elasticsearch.local.enabled"))) {
      LocalElasticsearch.launch(LocalElasticsearch.Settings.from(environment));
    }
  }

  private static void applyMode(ConfigurableEnvironment environment, Map<String, Object> derived) {
    String mode = environment.getProperty("oxidly.mode", "all").trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "all" -> {}
      case "web" -> derived.put("spring.temporal.start-workers", "false");
      case "worker" -> {
        derived.put("spring.main.web-application-type", "none");
        // Vaadin's auto-configuration assumes a web application context.
        derived.put(
            "spring.autoconfigure.exclude",
            String.join(
                ",",
                "com.vaadin.flow.spring.SpringBootAutoConfiguration",
                "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
                "com.vaadin.flow.spring.VaadinScopesConfig"));
      }
      default ->
          throw new IllegalStateException(
              "oxidly.mode must be all, web or worker, but was '" + mode + "'");
    }
  }

  /** A configured port; 0 means "any free port", which tests use to run side by side. */
  private static int port(ConfigurableEnvironment environment, String key, int defaultPort) {
    int port = environment.getProperty(key, Integer.class, defaultPort);
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free local port for " + key, e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
