package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import java.util.UUID;

/**
 * A rendered message ready for a channel's provider.
 *
 * @param recipient the email address, the E.164 phone number, the push token, or (in-app) the
 *     customer's uuid
 * @param subject email subject, push title or in-app title; may be null
 * @param html email or in-app html; may be null
 * @param text the plain-text body (email alternative, SMS, push body); may be null
 * @param unsubscribeUrl for marketing email: the RFC 8058 one-click URL (https in production)
 * @param unsubscribeMailto for marketing email: the mailto alternative of List-Unsubscribe
 */
public record OutgoingMessage(
    String sendKey,
    UUID customerUuid,
    Channel channel,
    MessageClass messageClass,
    String recipient,
    String subject,
    String html,
    String text,
    String unsubscribeUrl,
    String unsubscribeMailto) {}
