package com.oxidly.activities.analytics;

import com.oxidly.domain.customer.CustomerRepository;
import com.oxidly.domain.engagement.EngagementScoring;
import com.oxidly.workflows.analytics.AnalyticsActivities;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Scores customers into PostgreSQL; writes only changed scores, so retries are harmless. */
@Component("analyticsActivities")
class AnalyticsActivitiesImpl implements AnalyticsActivities {

  private final EngagementScoring engagement;
  private final CustomerRepository customers;

  AnalyticsActivitiesImpl(EngagementScoring engagement, CustomerRepository customers) {
    this.engagement = engagement;
    this.customers = customers;
  }

  @Override
  public long countCustomers() {
    return customers.count();
  }

  @Override
  public ScoredPage scorePage(String afterUuid, int pageSize) {
    EngagementScoring.ScoredPage page =
        engagement.scorePage(afterUuid == null ? null : UUID.fromString(afterUuid), pageSize);
    return new ScoredPage(
        page.scored(),
        page.changed(),
        page.lastUuid() == null ? null : page.lastUuid().toString(),
        page.scored() < pageSize);
  }
}
