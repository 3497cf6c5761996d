package com.oxidly.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that talk to the running application like any other client. */
public final class TestHttp {

  public static final String BOOTSTRAP_TOKEN = "test-bootstrap-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public TestHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(
      int status, String contentType, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Response get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  public Response post(String path, String json, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        token);
  }

  /**
   * Any request with a body.
   *
   * @param headers name, value, name, value...
   */
  public Response send(
      String method,
      String path,
      String contentType,
      String body,
      String token,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request, token);
  }

  /**
   * Polls an import job (its {@code /api/import/jobs/{id}} location) until it is neither staged nor
   * running, and returns it.
   */
  public JsonNode awaitImport(String location, String token, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = get(location, token).json();
      if (!job.get("status").asString().matches("STAGED|RUNNING")) {
        return job;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("import " + location + " did not finish within " + timeout);
  }

  public Response delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
  }

  private Response send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          client.send(
              // Generous: a safety net against a hung server, not a speed check. On a loaded 2-core
              // machine a first request (the OpenAPI document is built on first use) takes long.
              request.timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
