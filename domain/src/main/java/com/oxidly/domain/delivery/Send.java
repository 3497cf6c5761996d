package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One message a journey or campaign wants a customer to get (the domain side of the delivery
 * activity's request).
 *
 * @param sendKey unique per intended message; at most 300 characters without control characters
 * @param decidedAt the instant rules are judged at (workflow time), never the wall clock
 */
public record Send(
    String sendKey,
    String source,
    String stepId,
    UUID customerUuid,
    Channel channel,
    MessageClass messageClass,
    MessageTemplate template,
    Map<String, String> variables,
    Instant decidedAt) {

  public Send {
    Objects.requireNonNull(sendKey, "sendKey");
    if (sendKey.isBlank()
        || sendKey.length() > 300
        || sendKey.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "sendKey must be 1-300 characters without control characters, was '" + sendKey + "'");
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(customerUuid, "customerUuid");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(messageClass, "messageClass");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(decidedAt, "decidedAt");
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}
