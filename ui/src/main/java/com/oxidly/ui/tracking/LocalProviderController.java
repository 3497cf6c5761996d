package com.oxidly.ui.tracking;

import com.oxidly.domain.delivery.LocalProviderInbox;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in SMS and push providers of local mode: they speak the Twilio Messages API and FCM
 * HTTP v1 like the real ones, so the same adapters run locally and in production, and they record
 * what they receive for the Dev Outbox. Present only while no real provider is configured.
 */
@RestController
@ConditionalOnExpression(
    "'${oxidly.delivery.providers.sms.base-url:}' == '' or"
        + " '${oxidly.delivery.providers.push.base-url:}' == ''")
class LocalProviderController {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LocalProviderInbox inbox;

  LocalProviderController(LocalProviderInbox inbox) {
    this.inbox = inbox;
  }

  @PostMapping(
      value = "/local-providers/sms/2010-04-01/Accounts/{sid}/Messages.json",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Map<String, Object>> sms(
      @PathVariable String sid,
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody MultiValueMap<String, String> form) {
    if (authorization == null
        || !authorization.startsWith("Basic ")
        || !new String(
                Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
            .startsWith(sid + ":")) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("code", 20003, "message", "Authenticate", "status", 401));
    }
    String to = form.getFirst("To");
    String body = form.getFirst("Body");
    if (to == null || !to.matches("\\+[1-9][0-9]{6,14}") || body == null) {
      return ResponseEntity.badRequest()
          .body(Map.of("code", 21211, "message", "Invalid 'To' Phone Number", "status", 400));
    }
    String id = "SM" + UUID.randomUUID().toString().replace("-", "");
    inbox.record("sms", id, to, null, body, form.toSingleValueMap().toString());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("sid", id, "status", "queued", "to", to, "body", body, "account_sid", sid));
  }

  @PostMapping(
      value = "/local-providers/push/v1/projects/{project}/messages:send",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> push(
      @PathVariable String project,
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody String payload) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", Map.of("code", 401, "status", "UNAUTHENTICATED")));
    }
    JsonNode message = JSON.readTree(payload).path("message");
    String token = message.path("token").asString("");
    if (token.isBlank()) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", Map.of("code", 400, "status", "INVALID_ARGUMENT")));
    }
    String id = "projects/" + project + "/messages/" + UUID.randomUUID();
    inbox.record(
        "push",
        id,
        token,
        message.path("notification").path("title").asString(null),
        message.path("notification").path("body").asString(""),
        payload);
    return ResponseEntity.ok(Map.of("name", id));
  }
}
