package com.oxidly.activities.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One HTTP client for the providers, with explicit timeouts. */
final class ProviderHttp {

  private final HttpClient client;
  private final Duration timeout;

  ProviderHttp(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  HttpResponse<String> post(String url, String contentType, String body, String authorization) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("provider at " + url + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + url, e);
    }
  }

  /** Throttling and server errors pass; other 4xx answers are the provider's final word. */
  static boolean transientStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }
}
