package com.oxidly.ui.api;

import com.oxidly.domain.engagement.Engagement;
import com.oxidly.domain.engagement.EngagementScoring;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Why a customer's engagement score is what it is. */
@RestController
class CustomerEngagementController {

  private final EngagementScoring engagement;

  CustomerEngagementController(EngagementScoring engagement) {
    this.engagement = engagement;
  }

  /**
   * The customer's engagement computed now: {@code {score, contributions: [{factor, detail,
   * points}], explanation}}; 404 for an unknown customer.
   */
  @GetMapping("/api/customers/{customerUuid}/engagement")
  EngagementResponse engagement(@PathVariable UUID customerUuid) {
    Engagement current = engagement.explain(customerUuid);
    return new EngagementResponse(current.score(), current.contributions(), current.explanation());
  }

  record EngagementResponse(
      int score, java.util.List<Engagement.Contribution> contributions, String explanation) {}
}
