package com.oxidly.workflows.campaign;

/**
 * Starts or continues a campaign run.
 *
 * @param pagesPerRun batches after which the run continues as new (0 = the default), far below
 *     Temporal's history limits
 * @param cursor where a continued run resumes; null for a new run
 */
public record CampaignInput(long campaignId, int pagesPerRun, CampaignCursor cursor) {

  /** A new run with the default continue-as-new interval. */
  public static CampaignInput start(long campaignId) {
    return new CampaignInput(campaignId, 0, null);
  }
}
