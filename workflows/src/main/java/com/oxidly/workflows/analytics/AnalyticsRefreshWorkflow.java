package com.oxidly.workflows.analytics;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rescores every customer's analytics in pages, with progress: nightly under id {@code
 * analytics-refresh:nightly} (a Temporal cron schedule) and on demand under {@code
 * analytics-refresh:on-demand}. Scores go to PostgreSQL; the change log carries them into the
 * search index.
 */
@WorkflowInterface
public interface AnalyticsRefreshWorkflow {

  @WorkflowMethod
  RefreshResult refresh(RefreshRequest request);

  @QueryMethod
  RefreshProgress progress();
}
