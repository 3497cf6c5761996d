package com.oxidly.workflows.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import java.time.Instant;
import java.util.Map;

/**
 * One message a journey or campaign wants a customer to get.
 *
 * @param sendKey unique per intended message: source, version, step, customer and iteration (e.g.
 *     {@code journey:12:v3:send-welcome:<uuid>:1}); the delivery log's unique constraint
 * @param source what sends it, e.g. {@code journey:12:v3} or {@code campaign:7}
 * @param stepId the step of the journey or campaign that sends it
 * @param customerUuid the recipient
 * @param variables extra template variables (e.g. the triggering event's properties: cart id)
 * @param decidedAt workflow time of the decision; quiet hours and frequency-cap windows are judged
 *     at this instant, so time-skipped tests and replays see the same rules as production
 */
public record DeliveryRequest(
    String sendKey,
    String source,
    String stepId,
    String customerUuid,
    Channel channel,
    MessageClass messageClass,
    MessageTemplate template,
    Map<String, String> variables,
    Instant decidedAt) {}
