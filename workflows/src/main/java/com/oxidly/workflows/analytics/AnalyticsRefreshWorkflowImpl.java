package com.oxidly.workflows.analytics;

import com.oxidly.workflows.ActivityRetries;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.segments.SegmentReevaluationWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Pages through customers in activities; continues as new well before history limits. */
public class AnalyticsRefreshWorkflowImpl implements AnalyticsRefreshWorkflow {

  /** Pages per run before continue-as-new: keeps each history at a few hundred events. */
  static final int PAGES_PER_RUN = 100;

  /** The version marker of the segment re-evaluation step. */
  static final String SEGMENTS_CHANGE = "reevaluate-segments";

  static final String SENTIMENT_CHANGE = "score-sentiment";

  /** The sentiment passes, in order: texts first, then the averages built from them. */
  static final java.util.List<String> SENTIMENT_PASSES =
      java.util.List.of("reviews", "interactions", "customers");

  private final AnalyticsActivities activities =
      Workflow.newActivityStub(
          AnalyticsActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(5), 20));

  private String phase = "counting";
  private long scored;
  private long total;

  @Override
  public RefreshResult refresh(RefreshRequest request) {
    if (request.pageSize() < 1 || request.pageSize() > 10_000) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pageSize must be between 1 and 10000, was " + request.pageSize(), "InvalidRequest");
    }
    scored = request.scoredSoFar();
    long changed = request.changedSoFar();
    total = activities.countCustomers();
    Long model = request.lifetimeValueModel();
    if (request.resumeAfterUuid() == null
        && scored == 0
        // Added after the first release: runs that started before skip it when replayed.
        && Workflow.getVersion(SENTIMENT_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // Engagement and segments read the sentiment averages, so they are brought up to date first.
      phase = "sentiment";
      for (String pass : SENTIMENT_PASSES) {
        for (String cursor = ""; cursor != null; ) {
          cursor = activities.scoreSentiment(pass, cursor).next();
        }
      }
    }
    if (request.resumeAfterUuid() == null && scored == 0) {
      phase = "fitting-lifetime-value";
      model = activities.fitLifetimeValue();
    }
    phase = "scoring";
    String cursor = request.resumeAfterUuid();
    for (int page = 0; ; page++) {
      if (page == PAGES_PER_RUN) {
        Workflow.continueAsNew(
            new RefreshRequest(request.pageSize(), cursor, scored, changed, model));
      }
      AnalyticsActivities.ScoredPage batch =
          activities.scorePage(cursor, request.pageSize(), model);
      scored += batch.scored();
      changed += batch.changed();
      if (batch.last()) {
        break;
      }
      cursor = batch.lastUuid();
    }
    // Added after the first release: runs that started before skip it when replayed.
    if (Workflow.getVersion(SEGMENTS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // Ranks (High Value follows the refit) and time-relative conditions move without any
      // customer changing, so those segments are re-evaluated over everyone once per refresh.
      phase = "segments";
      SegmentReevaluationWorkflow segments =
          Workflow.newChildWorkflowStub(
              SegmentReevaluationWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(
                      WorkflowIds.refreshSegmentReevaluation(Workflow.getInfo().getWorkflowId()))
                  .build());
      segments.reevaluate(
          SegmentReevaluationWorkflow.ReevaluationRequest.of(null, request.pageSize()));
    }
    phase = "done";
    return new RefreshResult(scored, changed);
  }

  @Override
  public RefreshProgress progress() {
    return new RefreshProgress(phase, scored, total);
  }
}
