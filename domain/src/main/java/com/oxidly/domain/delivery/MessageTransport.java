package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;

/**
 * Hands a rendered message to a channel's provider (SMTP, an SMS API, a push service, the in-app
 * inbox). Implementations hold no rules: {@link MessageDelivery} has decided that the message goes
 * out and recorded the claim before calling.
 */
public interface MessageTransport {

  Channel channel();

  /**
   * Sends one message. May be called again for the same {@link OutgoingMessage#sendKey()} after a
   * crash; pass the key to providers that deduplicate.
   *
   * @return accepted with the provider's message id, or rejected for good with the reason
   * @throws RuntimeException on transient problems; the caller retries later
   */
  TransportResult send(OutgoingMessage message);
}
