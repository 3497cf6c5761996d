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

  static final String PERSONAS_CHANGE = "assign-personas";

  /** The sentiment passes, in order: texts first, then the averages built from them. */
  static final java.util.List<String> SENTIMENT_PASSES =
      java.util.List.of("reviews", "interactions", "customers");

  private final AnalyticsActivities activities =
      Workflow.newActivityStub(
          AnalyticsActivities.class, ActivityRetries.idempotent(Duration.ofMinutes(5), 20));

  private String phase = "counting";
  private long scored;
  private long total;
  private long assigned;

  /** Activity pages in this run, scoring and persona pages alike: continue-as-new counts them. */
  private int pagesThisRun;

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
    boolean fresh = request.resumeAfterUuid() == null && scored == 0 && request.personas() == null;
    if (fresh
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
    if (fresh) {
      phase = "fitting-lifetime-value";
      model = activities.fitLifetimeValue();
    }
    if (request.personas() == null) {
      phase = "scoring";
      String cursor = request.resumeAfterUuid();
      while (true) {
        if (pagesThisRun++ == PAGES_PER_RUN) {
          Workflow.continueAsNew(
              new RefreshRequest(request.pageSize(), cursor, scored, changed, model, null));
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
    }
    // Added after the first release: runs that started before skip it when replayed.
    if (Workflow.getVersion(PERSONAS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // After scoring, because personas are grouped by the fresh engagement and lifetime values;
      // before segments, because a segment may name a persona.
      assignPersonas(request, changed, model);
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

  /**
   * Fits personas (unless this run continues an assignment) and assigns every customer, continuing
   * as new with the assignment's cursor when the run has done its share of pages.
   */
  private void assignPersonas(RefreshRequest request, long changed, Long lifetimeValueModel) {
    RefreshRequest.PersonaAssignment step = request.personas();
    if (step == null) {
      phase = "fitting-personas";
      Long fitted = activities.fitPersonas();
      if (fitted == null) {
        return;
      }
      step = new RefreshRequest.PersonaAssignment(fitted, null, 0);
    }
    phase = "personas";
    assigned = step.assigned();
    String cursor = step.afterUuid();
    while (true) {
      if (pagesThisRun++ == PAGES_PER_RUN) {
        Workflow.continueAsNew(
            new RefreshRequest(
                request.pageSize(),
                null,
                scored,
                changed,
                lifetimeValueModel,
                new RefreshRequest.PersonaAssignment(step.model(), cursor, assigned)));
      }
      AnalyticsActivities.AssignedPage page =
          activities.assignPersonas(step.model(), cursor, request.pageSize());
      assigned += page.assigned();
      if (page.last()) {
        break;
      }
      cursor = page.lastUuid();
    }
    activities.finishPersonas(step.model());
  }

  @Override
  public RefreshProgress progress() {
    return new RefreshProgress(phase, scored, total, assigned);
  }
}
