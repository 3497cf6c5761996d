package com.oxidly.workflows;

/**
 * Workflow ids are business keys: the same business action always maps to the same id, so Temporal
 * itself prevents duplicates and operators can find a run by what it is about.
 */
public final class WorkflowIds {

  private WorkflowIds() {}

  /** The one run that applies a staged import job. */
  public static String importJob(String jobId) {
    return "import:" + jobId;
  }

  /** The one full rebuild of the customer index that may run at a time. */
  public static String customerReindex() {
    return "reindex:customers";
  }

  /** The nightly analytics refresh (a cron schedule: one id across its nightly runs). */
  public static String nightlyAnalyticsRefresh() {
    return "analytics-refresh:nightly";
  }

  /** A refresh a user asked for; one at a time. */
  public static String onDemandAnalyticsRefresh() {
    return "analytics-refresh:on-demand";
  }

  /** One customer's run through one version of a journey. */
  public static String journey(long journeyId, int version, String customerUuid) {
    return "journey:" + journeyId + ":v" + version + ":" + customerUuid;
  }

  /** A broadcast campaign's one run. */
  public static String campaign(long campaignId) {
    return "campaign:" + campaignId;
  }

  /**
   * The re-evaluation of one segment after its definition changed; one per segment at a time. The
   * key's spaces become dashes ("high value" -> {@code segment-reevaluation:high-value}).
   */
  public static String segmentReevaluation(String segmentKey) {
    return "segment-reevaluation:" + segmentKey.replace(' ', '-');
  }

  /** The segment re-evaluation that ends an analytics refresh, a child of that refresh. */
  public static String refreshSegmentReevaluation(String refreshWorkflowId) {
    return refreshWorkflowId + ":segments";
  }

  /** The daily run that stores date events (anniversaries, birthday months); a cron schedule. */
  public static String dailyDateEvents() {
    return "date-events:daily";
  }
}
