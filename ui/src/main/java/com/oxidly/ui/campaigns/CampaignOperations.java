package com.oxidly.ui.campaigns;

import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.CampaignStateException;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.workflows.campaign.CampaignProgress;
import com.oxidly.workflows.campaign.CampaignWorkflow;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * What the campaign API and the campaigns view both do to a run: schedule (which starts its
 * workflow), pause, resume and cancel by signal, and read its progress — live by query while the
 * run is open, as last persisted otherwise. Nothing here waits for a run to finish.
 */
@Component
public class CampaignOperations {

  private final Campaigns campaigns;
  private final CampaignLauncher launcher;

  CampaignOperations(Campaigns campaigns, CampaignLauncher launcher) {
    this.campaigns = campaigns;
    this.launcher = launcher;
  }

  /**
   * A run's progress.
   *
   * @param source {@code workflow} (live) or {@code database} (as persisted after every batch)
   * @param phase what the run does now (workflow only): waiting_for_start, sending, paused, ...
   * @param queued the frozen audience's size; null before the run started
   * @param suppressed suppressions by reason
   * @param deferred customers waiting for quiet hours to end (retried with the same key)
   */
  public record Progress(
      String source,
      String phase,
      String holdReason,
      Long queued,
      long sent,
      Map<String, Long> suppressed,
      long suppressedTotal,
      long failed,
      long deferred,
      Instant nextSendAt) {

    /** Customers the run is done with: sent, suppressed or failed. */
    public long done() {
      return sent + suppressedTotal + failed;
    }
  }

  /**
   * Checks the draft and starts its run; a run that cannot be started puts the campaign back to
   * draft, so it never says scheduled without a run.
   *
   * @throws com.oxidly.domain.campaign.InvalidCampaignException naming every problem
   * @throws RunUnavailableException when Temporal cannot be reached
   */
  public Campaign schedule(long id, String by) {
    campaigns.schedule(id, by);
    try {
      launcher.start(id);
    } catch (RuntimeException temporalUnavailable) {
      campaigns.unschedule(id);
      throw new RunUnavailableException(id, temporalUnavailable);
    }
    return campaigns.get(id);
  }

  /** Holds sends (the batch in flight completes). */
  public Campaign pause(long id) {
    requireLive(id, "pause it");
    signal(id, CampaignWorkflow::pause);
    campaigns.markPaused(id);
    return campaigns.get(id);
  }

  /** Goes on where a paused campaign stopped. */
  public Campaign resume(long id) {
    requireLive(id, "resume it");
    signal(id, CampaignWorkflow::resume);
    campaigns.markResumed(id);
    return campaigns.get(id);
  }

  /** Stops for good; a draft is simply never sent. */
  public Campaign cancel(long id) {
    if (campaigns.get(id).isLive()) {
      signal(id, CampaignWorkflow::cancel);
    }
    campaigns.markCancelled(id);
    return campaigns.get(id);
  }

  /**
   * The campaign's progress: asked of its run when {@code live} and the run is open (a query,
   * answered at once), else as persisted.
   */
  public Progress progress(Campaign campaign, boolean live) {
    if (live && campaign.isLive()) {
      var fromRun = launcher.progress(campaign.id()).map(CampaignOperations::progress);
      if (fromRun.isPresent()) {
        return fromRun.get();
      }
    }
    return progress(campaign.stats());
  }

  private void requireLive(long id, String action) {
    Campaign campaign = campaigns.get(id);
    if (!campaign.isLive()) {
      throw new CampaignStateException(id, campaign.status(), action);
    }
  }

  private void signal(long id, Consumer<CampaignWorkflow> signal) {
    try {
      launcher.signal(id, signal);
    } catch (RuntimeException temporalUnavailable) {
      throw new RunUnavailableException(id, temporalUnavailable);
    }
  }

  private static Progress progress(CampaignProgress live) {
    return new Progress(
        "workflow",
        live.phase(),
        live.holdReason(),
        live.queued(),
        live.sent(),
        live.suppressed(),
        live.suppressedTotal(),
        live.failed(),
        live.deferred(),
        live.nextSendAt());
  }

  private static Progress progress(Campaign.Stats stats) {
    Map<String, Long> suppressed = new TreeMap<>();
    stats.suppressed().forEach((reason, count) -> suppressed.put(reason, count.longValue()));
    return new Progress(
        "database",
        null,
        null,
        stats.queued() == null ? null : stats.queued().longValue(),
        stats.sent(),
        suppressed,
        suppressed.values().stream().mapToLong(Long::longValue).sum(),
        stats.failed(),
        stats.deferred(),
        null);
  }

  /** Temporal could not be reached to start or signal a run. */
  public static final class RunUnavailableException extends RuntimeException {
    RunUnavailableException(long id, Throwable cause) {
      super("The run of campaign " + id + " cannot be reached now; try again", cause);
    }
  }
}
