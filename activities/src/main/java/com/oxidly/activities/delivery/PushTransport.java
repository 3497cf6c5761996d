package com.oxidly.activities.delivery;

import com.oxidly.domain.delivery.MessageTransport;
import com.oxidly.domain.delivery.OutgoingMessage;
import com.oxidly.domain.delivery.TransportResult;
import com.oxidly.domain.messaging.Channel;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Push through Firebase Cloud Messaging HTTP v1: {@code POST
 * {base}/v1/projects/{project}/messages:send} with {@code {"message": {"token", "notification":
 * {"title", "body"}}}} and a bearer token. 400 and 404 (invalid or unregistered token) fail the
 * message for good; auth, throttling, server and network problems throw, so the activity retries.
 */
@Component
class PushTransport implements MessageTransport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ProviderProperties.Push settings;
  private final LocalProviderBase local;
  private final ProviderHttp http;

  PushTransport(ProviderProperties properties, LocalProviderBase local) {
    this.settings = properties.push();
    this.local = local;
    this.http = new ProviderHttp(properties.timeout());
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public TransportResult send(OutgoingMessage message) {
    String base = settings.baseUrl().isEmpty() ? local.url("push") : settings.baseUrl();
    String url = base + "/v1/projects/" + settings.project() + "/messages:send";
    Map<String, Object> notification = new LinkedHashMap<>();
    notification.put("title", message.subject() == null ? "" : message.subject());
    notification.put("body", message.text() == null ? "" : message.text());
    Map<String, Object> body =
        Map.of("message", Map.of("token", message.recipient(), "notification", notification));
    HttpResponse<String> response =
        http.post(
            url,
            "application/json",
            JSON.writeValueAsString(body),
            "Bearer " + settings.accessToken());
    int status = response.statusCode();
    if (status / 100 == 2) {
      return TransportResult.accepted(JSON.readTree(response.body()).path("name").asString(null));
    }
    if (status == 400 || status == 404) {
      String detail;
      try {
        JsonNode error = JSON.readTree(response.body()).path("error");
        detail = error.path("status").asString("");
      } catch (RuntimeException notJson) {
        detail = "";
      }
      return TransportResult.rejected("fcm_" + status + ":" + detail);
    }
    throw new IllegalStateException(
        "push provider answered HTTP " + status + ": " + response.body());
  }
}
