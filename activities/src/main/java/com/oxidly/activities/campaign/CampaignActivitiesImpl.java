package com.oxidly.activities.campaign;

import com.oxidly.activities.heartbeat.Heartbeats;
import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.CampaignNotFoundException;
import com.oxidly.domain.campaign.CampaignRuns;
import com.oxidly.domain.campaign.CampaignSchedules;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.workflows.campaign.CampaignActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Campaign run side effects on PostgreSQL (see {@link CampaignRuns}); every one safe to repeat. */
@Component("campaignActivities")
class CampaignActivitiesImpl implements CampaignActivities {

  private final Campaigns campaigns;
  private final CampaignRuns runs;

  CampaignActivitiesImpl(Campaigns campaigns, CampaignRuns runs) {
    this.campaigns = campaigns;
    this.runs = runs;
  }

  @Override
  public Plan plan(long campaignId) {
    Campaign campaign;
    try {
      campaign = campaigns.get(campaignId);
    } catch (CampaignNotFoundException gone) {
      // Retrying cannot bring a deleted campaign back.
      throw ApplicationFailure.newNonRetryableFailure(gone.getMessage(), "CampaignNotFound");
    }
    var definition = campaign.definition();
    if (definition.schedule() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "campaign " + campaignId + " has no schedule", "CampaignNotScheduled");
    }
    return new Plan(
        definition.name(),
        definition.channel(),
        definition.messageClass(),
        definition.template(),
        CampaignSchedules.firstStart(definition.schedule()),
        definition.throttle());
  }

  @Override
  public int freezeAudience(long campaignId, Instant at) {
    return Heartbeats.during(() -> runs.freezeAudience(campaignId, at));
  }

  @Override
  public List<Wave> waves(long campaignId) {
    return runs.waves(campaignId).stream()
        .map(wave -> new Wave(wave.startAt(), wave.timeZones()))
        .toList();
  }

  @Override
  public List<Member> page(
      long campaignId, List<String> timeZones, String afterCustomer, int limit) {
    UUID after = afterCustomer == null ? null : UUID.fromString(afterCustomer);
    return members(runs.page(campaignId, timeZones, after, limit));
  }

  @Override
  public List<Member> dueDeferrals(long campaignId, Instant at, int limit) {
    return members(runs.dueDeferrals(campaignId, at, limit));
  }

  @Override
  public Deferrals recordBatch(
      long campaignId, List<DeliveryOutcome> outcomes, Instant at, int mostDeferrals) {
    List<CampaignRuns.Outcome> recorded =
        outcomes.stream()
            .map(
                outcome ->
                    new CampaignRuns.Outcome(
                        customerOf(outcome.sendKey()),
                        outcome.status().name().toLowerCase(Locale.ROOT),
                        outcome.retryAt()))
            .toList();
    CampaignRuns.Deferrals deferrals =
        Heartbeats.during(() -> runs.record(campaignId, recorded, at, mostDeferrals));
    return new Deferrals(deferrals.deferred(), deferrals.nextRetryAt(), deferrals.gaveUp());
  }

  @Override
  public void finish(long campaignId, boolean cancelled, Instant at) {
    Heartbeats.during(() -> runs.finish(campaignId, cancelled, at));
  }

  /** The customer of a send key {@code campaign:{id}:{customer}}. */
  private static UUID customerOf(String sendKey) {
    try {
      return UUID.fromString(sendKey.substring(sendKey.lastIndexOf(':') + 1));
    } catch (IllegalArgumentException notACampaignKey) {
      throw ApplicationFailure.newNonRetryableFailure(
          "not a campaign send key: " + sendKey, "InvalidSendKey");
    }
  }

  private static List<Member> members(List<CampaignRuns.Member> members) {
    return members.stream()
        .map(member -> new Member(member.customerUuid().toString(), member.timeZone()))
        .toList();
  }
}
