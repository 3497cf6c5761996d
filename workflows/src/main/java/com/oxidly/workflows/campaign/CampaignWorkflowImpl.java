package com.oxidly.workflows.campaign;

import com.oxidly.workflows.ActivityRetries;
import com.oxidly.workflows.delivery.DeliveryActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a broadcast: sleeps until its start, freezes the audience, then sends each group (the whole
 * audience, or one per local start for a local-time schedule) page by page in uuid order. Each page
 * is one {@code deliverAll} batch; batches are spaced by workflow timers so the campaign never
 * exceeds its messages per minute. Quiet-hour deferrals are retried at their retry time with the
 * same send key. The run continues as new every {@link #DEFAULT_PAGES_PER_RUN} batches with a
 * cursor, so its history stays small however large the audience.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

  /** Largest deliverAll batch: each request carries the template, and payloads must stay small. */
  static final int MAX_BATCH = 100;

  static final int DEFAULT_PAGES_PER_RUN = 100;

  /** A safety net besides the page count (each batch adds ~15 events; the limit is 51,200). */
  static final int CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;

  /** Quiet-hour deferrals of one customer before the message is given up (days late by then). */
  static final int MOST_DEFERRALS = 5;

  static final String STEP = "broadcast";

  private final CampaignActivities campaigns =
      Workflow.newActivityStub(
          CampaignActivities.class, ActivityRetries.heartbeating(Duration.ofMinutes(10), 20));

  // Capped retries (about a quarter of an hour): past them the run holds itself paused instead of
  // failing, so a provider outage costs a resume, never a lost or doubled send.
  private final DeliveryActivities delivery =
      Workflow.newActivityStub(
          DeliveryActivities.class, ActivityRetries.heartbeating(Duration.ofMinutes(5), 20));

  private long campaignId;
  private int pagesPerRun;
  private CampaignActivities.Plan plan;
  private boolean started;
  private long queued;
  private List<CampaignActivities.Wave> waves = List.of();
  private int wave;
  private String after;
  private long sent;
  private long failed;
  private final Map<String, Long> suppressed = new TreeMap<>();
  private int deferred;
  private int gaveUp;
  private Instant nextRetryAt;
  private Instant nextBatchAt;
  private boolean paused;
  private String holdReason;
  private boolean cancelled;
  private long batches;
  private int pagesThisRun;
  private String phase = "starting";
  private Instant waitingFor;

  @Override
  public void run(CampaignInput input) {
    campaignId = input.campaignId();
    pagesPerRun = input.pagesPerRun() > 0 ? input.pagesPerRun() : DEFAULT_PAGES_PER_RUN;
    if (input.cursor() != null) {
      restore(input.cursor());
    }
    plan = campaigns.plan(campaignId);
    if (!started) {
      phase = "waiting_for_start";
      if (!waitUntil(plan.firstStartAt())) {
        end();
        return;
      }
      phase = "freezing_audience";
      queued = campaigns.freezeAudience(campaignId, workflowTime());
      waves = campaigns.waves(campaignId);
      started = true;
    }
    while (wave < waves.size()) {
      CampaignActivities.Wave group = waves.get(wave);
      phase = "waiting_for_group";
      if (!waitUntil(group.startAt())) {
        end();
        return;
      }
      while (true) {
        if (!sendDueDeferrals()) {
          end();
          return;
        }
        continueAsNewWhenDue(input);
        phase = "sending";
        List<CampaignActivities.Member> page =
            campaigns.page(campaignId, group.timeZones(), after, batchSize());
        if (page.isEmpty()) {
          break;
        }
        if (!send(page)) {
          end();
          return;
        }
        after = page.getLast().customerUuid();
      }
      wave++;
      after = null;
    }
    while (deferred > 0 && nextRetryAt != null) {
      phase = "waiting_for_deferred";
      if (!waitUntil(nextRetryAt) || !sendDueDeferrals()) {
        end();
        return;
      }
      continueAsNewWhenDue(input);
    }
    end();
  }

  @Override
  public void pause() {
    paused = true;
    holdReason = "signal";
  }

  @Override
  public void resume() {
    paused = false;
    holdReason = null;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public CampaignProgress progress() {
    return new CampaignProgress(
        paused && !cancelled && !phase.equals("completed") ? "paused" : phase,
        paused ? holdReason : null,
        queued,
        sent,
        suppressedWithGiveUps(),
        failed,
        deferred,
        waitingFor,
        wave,
        waves.size(),
        batches);
  }

  /**
   * Sends the deferrals whose retry time has come, in batches like any page.
   *
   * @return false when cancelled
   */
  private boolean sendDueDeferrals() {
    while (deferred > 0 && nextRetryAt != null && !workflowTime().isBefore(nextRetryAt)) {
      List<CampaignActivities.Member> due =
          campaigns.dueDeferrals(campaignId, workflowTime(), batchSize());
      if (due.isEmpty()) {
        // Nothing is due after all (the log moved on): stop waiting for it rather than spin.
        deferred = 0;
        nextRetryAt = null;
        break;
      }
      if (!send(due)) {
        return false;
      }
    }
    return !cancelled;
  }

  /**
   * Sends one batch when the throttle allows and the run is not paused, and records it.
   *
   * @return false when cancelled before it went
   */
  private boolean send(List<CampaignActivities.Member> members) {
    if (!waitUntil(nextBatchAt)) {
      return false;
    }
    List<DeliveryOutcome> outcomes;
    Instant at;
    while (true) {
      phase = "sending";
      at = workflowTime();
      try {
        outcomes = delivery.deliverAll(requests(members, at));
        break;
      } catch (ActivityFailure deliveryKeptFailing) {
        // Retries are spent (provider or database away for long): hold instead of dropping the
        // batch. A resume sends the same keys again, so nothing is sent twice.
        paused = true;
        holdReason = "delivery_failing";
        if (!waitUntil(null)) {
          return false;
        }
      }
    }
    for (DeliveryOutcome outcome : outcomes) {
      switch (outcome.status()) {
        case SENT -> sent++;
        case FAILED -> failed++;
        case SUPPRESSED -> suppressed.merge(reason(outcome), 1L, Long::sum);
        case DEFERRED -> {} // counted from the log below, which also schedules the retry
      }
    }
    CampaignActivities.Deferrals deferrals =
        campaigns.recordBatch(campaignId, outcomes, workflowTime(), MOST_DEFERRALS);
    deferred = deferrals.deferred();
    nextRetryAt = deferrals.nextRetryAt();
    gaveUp = deferrals.gaveUp();
    nextBatchAt = at.plus(spacing(members.size()));
    batches++;
    pagesThisRun++;
    return true;
  }

  private List<DeliveryRequest> requests(List<CampaignActivities.Member> members, Instant at) {
    String source = "campaign:" + campaignId;
    Map<String, String> variables = Map.of("campaign_name", plan.name());
    return members.stream()
        .map(
            member ->
                new DeliveryRequest(
                    source + ":" + member.customerUuid(),
                    source,
                    STEP,
                    member.customerUuid(),
                    plan.channel(),
                    plan.messageClass(),
                    plan.template(),
                    variables,
                    at))
        .toList();
  }

  /**
   * Waits until {@code target} (null: no time to wait for), holding while paused.
   *
   * @return false when cancelled
   */
  private boolean waitUntil(Instant target) {
    while (true) {
      if (cancelled) {
        return false;
      }
      if (paused) {
        String before = phase;
        phase = "paused";
        Workflow.await(() -> !paused || cancelled);
        phase = before;
        continue;
      }
      Duration left = target == null ? Duration.ZERO : Duration.between(workflowTime(), target);
      if (!left.isPositive()) {
        waitingFor = null;
        return true;
      }
      waitingFor = target;
      Workflow.await(left, () -> paused || cancelled);
    }
  }

  private void continueAsNewWhenDue(CampaignInput input) {
    if (cancelled) {
      return;
    }
    if (pagesThisRun >= pagesPerRun
        || Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER_EVENTS
        || Workflow.getInfo().isContinueAsNewSuggested()) {
      Workflow.continueAsNew(new CampaignInput(campaignId, input.pagesPerRun(), cursor()));
    }
  }

  private CampaignCursor cursor() {
    return new CampaignCursor(
        queued,
        List.copyOf(waves),
        wave,
        after,
        sent,
        failed,
        Map.copyOf(suppressed),
        deferred,
        gaveUp,
        nextRetryAt,
        nextBatchAt,
        paused,
        holdReason,
        batches);
  }

  private void restore(CampaignCursor cursor) {
    started = true;
    queued = cursor.queued();
    waves = List.copyOf(cursor.waves());
    wave = cursor.wave();
    after = cursor.after();
    sent = cursor.sent();
    failed = cursor.failed();
    suppressed.putAll(cursor.suppressed());
    deferred = cursor.deferred();
    gaveUp = cursor.gaveUp();
    nextRetryAt = cursor.nextRetryAt();
    nextBatchAt = cursor.nextBatchAt();
    // A signal taken by the previous run before it continued stays in force.
    paused = paused || cursor.paused();
    holdReason = holdReason != null ? holdReason : cursor.holdReason();
    batches = cursor.batches();
  }

  private void end() {
    phase = cancelled ? "cancelled" : "completed";
    waitingFor = null;
    campaigns.finish(campaignId, cancelled, workflowTime());
  }

  private int batchSize() {
    return Math.min(MAX_BATCH, plan.throttlePerMinute());
  }

  /** Workflow time a batch of {@code size} takes at the campaign's messages per minute. */
  private Duration spacing(int size) {
    long millis = (size * 60_000L + plan.throttlePerMinute() - 1) / plan.throttlePerMinute();
    return Duration.ofMillis(millis);
  }

  private Map<String, Long> suppressedWithGiveUps() {
    Map<String, Long> all = new TreeMap<>(suppressed);
    if (gaveUp > 0) {
      all.put("deferred_too_often", (long) gaveUp);
    }
    return all;
  }

  private static String reason(DeliveryOutcome outcome) {
    return outcome.reason() == null ? "unknown" : outcome.reason();
  }

  private static Instant workflowTime() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
