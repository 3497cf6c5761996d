package com.oxidly.activities.delivery;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the built-in providers of local mode answer: this application's own web server. Asked at
 * send time, because the port is known only once the server runs (tests use a random one).
 */
@Component
class LocalProviderBase {

  private final Environment environment;

  LocalProviderBase(Environment environment) {
    this.environment = environment;
  }

  String url(String provider) {
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      throw new IllegalStateException(
          "no "
              + provider
              + " provider is configured and this node serves no HTTP for the built-in one: set"
              + " oxidly.delivery.providers."
              + provider
              + ".base-url");
    }
    return "http://127.0.0.1:" + port + "/local-providers/" + provider;
  }
}
