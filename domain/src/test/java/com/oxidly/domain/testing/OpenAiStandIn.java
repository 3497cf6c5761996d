package com.oxidly.domain.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server that speaks enough of the OpenAI API (POST /v1/chat/completions) for tests:
 * answers are scripted (queued replies first, else the default answerer), every request is kept.
 * Point Oxidly at it with {@code oxidly.ai.base-url=}{@link #baseUrl()}.
 */
public final class OpenAiStandIn implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One scripted reply: the assistant's content, a refusal, or an HTTP error, maybe late. */
  public record Reply(int status, String content, String refusal, long delayMillis) {

    public static Reply content(String json) {
      return new Reply(200, json, null, 0);
    }

    public static Reply refusal(String reason) {
      return new Reply(200, null, reason, 0);
    }

    public static Reply error(int status) {
      return new Reply(status, null, null, 0);
    }

    public Reply delayed(long millis) {
      return new Reply(status, content, refusal, millis);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Reply> queued = new LinkedBlockingQueue<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private volatile Function<JsonNode, Reply> answerer = request -> Reply.error(500);

  public OpenAiStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The next requests get these replies, in order. */
  public OpenAiStandIn enqueue(Reply... replies) {
    queued.addAll(List.of(replies));
    return this;
  }

  /** Replies computed from the request body, once the queue is empty. */
  public OpenAiStandIn answerWith(Function<JsonNode, Reply> answerer) {
    this.answerer = answerer;
    return this;
  }

  /** Request bodies received so far, oldest first. */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  public void reset() {
    queued.clear();
    requests.clear();
    answerer = request -> Reply.error(500);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(body);
      Reply reply = queued.poll();
      if (reply == null) {
        reply = answerer.apply(body);
      }
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      byte[] response =
          JSON.writeValueAsBytes(
              reply.status() == 200
                  ? completion(body, reply)
                  : Map.of("error", Map.of("message", "stand-in error", "type", "server_error")));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      failures.add(e);
      throw e;
    }
  }

  private static Map<String, Object> completion(JsonNode request, Reply reply) {
    Map<String, Object> message = new java.util.LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", reply.content());
    message.put("refusal", reply.refusal());
    return Map.of(
        "id",
        "chatcmpl-standin",
        "object",
        "chat.completion",
        "created",
        1_763_200_000L,
        "model",
        request.path("model").asString("stand-in"),
        "choices",
        List.of(
            Map.of(
                "index",
                0,
                "message",
                message,
                "finish_reason",
                reply.refusal() == null ? "stop" : "refusal")),
        "usage",
        Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Bytes of a string, for tests that build raw bodies. */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
