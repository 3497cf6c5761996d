package com.oxidly.domain.delivery;

/**
 * A provider's final answer about one message. A transient problem (network, timeout, provider
 * unavailable, throttling) is not a result: the transport throws, the send stays claimed and a
 * retry sends it again.
 *
 * @param providerMessageId the provider's id of the accepted message (when accepted)
 * @param rejection why the provider refused it for good (when rejected), e.g. {@code
 *     smtp_550:mailbox unavailable}
 */
public record TransportResult(String providerMessageId, String rejection) {

  public static TransportResult accepted(String providerMessageId) {
    return new TransportResult(providerMessageId, null);
  }

  public static TransportResult rejected(String reason) {
    return new TransportResult(null, reason);
  }

  public boolean isAccepted() {
    return rejection == null;
  }
}
