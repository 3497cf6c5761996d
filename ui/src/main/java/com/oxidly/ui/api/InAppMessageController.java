package com.oxidly.ui.api;

import com.oxidly.domain.delivery.InAppMessages;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** In-app messages for the shop's app to show a signed-in customer. */
@RestController
class InAppMessageController {

  private final InAppMessages messages;

  InAppMessageController(InAppMessages messages) {
    this.messages = messages;
  }

  /** The customer's latest in-app messages, newest first ({@code limit} 1-200, default 50). */
  @GetMapping("/api/customers/{customerUuid}/in-app-messages")
  List<InAppMessages.InAppMessage> inAppMessages(
      @PathVariable UUID customerUuid, @RequestParam(defaultValue = "50") int limit) {
    return messages.recent(customerUuid, limit);
  }
}
