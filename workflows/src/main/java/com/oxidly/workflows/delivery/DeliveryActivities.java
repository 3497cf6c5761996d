package com.oxidly.workflows.delivery;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The one door every journey and campaign message goes through. Delivery rules (status, consent,
 * frequency caps, quiet hours) are enforced here, centrally, and each send is recorded in the
 * delivery log under its {@link DeliveryRequest#sendKey() key}.
 *
 * <p>Idempotent: a key whose message was confirmed sent is never sent again, whatever the number of
 * retries; a key that was claimed but not confirmed (the worker died while talking to the provider)
 * is sent again, so only a message in flight at a crash can reach a provider twice.
 */
@ActivityInterface(namePrefix = "Delivery")
public interface DeliveryActivities {

  /** Delivers one message, or says why not (suppressed) or not yet (deferred until a time). */
  DeliveryOutcome deliver(DeliveryRequest request);

  /**
   * Delivers a batch (a broadcast page) with the same rules and guarantees as {@link #deliver}, one
   * outcome per request in request order.
   */
  List<DeliveryOutcome> deliverAll(List<DeliveryRequest> requests);
}
