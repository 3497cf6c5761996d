package com.oxidly.activities.delivery;

import com.oxidly.activities.heartbeat.Heartbeats;
import com.oxidly.domain.delivery.MessageDelivery;
import com.oxidly.domain.delivery.Send;
import com.oxidly.domain.delivery.SendOutcome;
import com.oxidly.workflows.delivery.DeliveryActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Adapts the delivery activity to {@link MessageDelivery}, which holds the rules and the
 * exactly-once log. A malformed request fails without retries (retrying cannot fix it); provider
 * trouble propagates and Temporal retries under the caller's policy.
 */
@Component("deliveryActivities")
@EnableConfigurationProperties(ProviderProperties.class)
class DeliveryActivitiesImpl implements DeliveryActivities {

  private final MessageDelivery delivery;

  DeliveryActivitiesImpl(MessageDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public DeliveryOutcome deliver(DeliveryRequest request) {
    return outcome(Heartbeats.during(() -> delivery.deliver(send(request))));
  }

  @Override
  public List<DeliveryOutcome> deliverAll(List<DeliveryRequest> requests) {
    List<Send> sends = requests.stream().map(DeliveryActivitiesImpl::send).toList();
    return Heartbeats.during(() -> delivery.deliverAll(sends)).stream()
        .map(DeliveryActivitiesImpl::outcome)
        .toList();
  }

  static Send send(DeliveryRequest request) {
    try {
      return new Send(
          request.sendKey(),
          request.source(),
          request.stepId(),
          UUID.fromString(request.customerUuid()),
          request.channel(),
          request.messageClass(),
          request.template(),
          request.variables(),
          request.decidedAt());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid delivery request " + request.sendKey() + ": " + e.getMessage(),
          "InvalidDeliveryRequest");
    }
  }

  private static DeliveryOutcome outcome(SendOutcome outcome) {
    return new DeliveryOutcome(
        outcome.sendKey(),
        DeliveryOutcome.Status.valueOf(outcome.status().name()),
        outcome.reason(),
        outcome.retryAt());
  }
}
