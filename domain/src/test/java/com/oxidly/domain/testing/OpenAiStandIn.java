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
 * A local HTTP server that speaks enough of the OpenAI API for tests. Chat completions (POST
 * /v1/chat/completions) are scripted: queued replies first, else the default answerer. Embeddings
 * (POST /v1/embeddings) are a hashed bag of words, so texts sharing words are similar and others
 * nearly orthogonal; {@link #synonyms} makes chosen words share a meaning, as a real model would.
 * Every request is kept. Point Oxidly at it with {@code oxidly.ai.base-url=}{@link #baseUrl()}.
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
  private final List<JsonNode> embeddingRequests = new CopyOnWriteArrayList<>();
  private final Map<String, String> synonyms = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean embeddingsFail;

  public OpenAiStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/v1/chat/completions", this::handle);
    server.createContext("/v1/embeddings", this::embeddings);
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
    embeddingRequests.clear();
    synonyms.clear();
    embeddingsFail = false;
  }

  /** Embeddings treat each word of {@code words} as {@code meaning}, e.g. parcel as delivery. */
  public OpenAiStandIn synonyms(String meaning, String... words) {
    for (String word : words) {
      synonyms.put(word, meaning);
    }
    return this;
  }

  /** Embedding requests answer HTTP 500 while set. */
  public OpenAiStandIn failEmbeddings(boolean fail) {
    embeddingsFail = fail;
    return this;
  }

  /** Embedding request bodies received so far, oldest first. */
  public List<JsonNode> embeddingRequests() {
    return List.copyOf(embeddingRequests);
  }

  /** The stand-in's vector of {@code text}: unit length, one bucket per word meaning. */
  public float[] vector(String text, int dimensions) {
    float[] vector = new float[dimensions];
    for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        vector[Math.floorMod(synonyms.getOrDefault(word, word).hashCode(), dimensions)] += 1;
      }
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (norm == 0) {
      vector[0] = 1;
      return vector;
    }
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (vector[i] / Math.sqrt(norm));
    }
    return vector;
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      embeddingRequests.add(body);
      int dimensions = body.path("dimensions").asInt(256);
      List<Map<String, Object>> data = new java.util.ArrayList<>();
      JsonNode input = body.path("input");
      for (int i = 0; i < input.size(); i++) {
        float[] vector = vector(input.get(i).asString(), dimensions);
        List<Float> values = new java.util.ArrayList<>(dimensions);
        for (float v : vector) {
          values.add(v);
        }
        data.add(Map.of("object", "embedding", "index", i, "embedding", values));
      }
      int status = embeddingsFail ? 500 : 200;
      byte[] response =
          JSON.writeValueAsBytes(
              embeddingsFail
                  ? Map.of("error", Map.of("message", "stand-in error", "type", "server_error"))
                  : Map.of(
                      "object",
                      "list",
                      "data",
                      data,
                      "model",
                      body.path("model").asString("stand-in"),
                      "usage",
                      Map.of("prompt_tokens", 10, "total_tokens", 10)));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    } catch (IOException | RuntimeException e) {
      failures.add(e);
      throw e;
    }
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
