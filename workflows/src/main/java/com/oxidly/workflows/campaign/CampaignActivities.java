package com.oxidly.workflows.campaign;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/**
 * What a campaign run asks of PostgreSQL. Every method is idempotent: the audience is frozen once
 * (later calls return the same size), pages are read from the frozen copy, and statistics are
 * recomputed from the delivery log rather than incremented.
 */
@ActivityInterface(namePrefix = "Campaign")
public interface CampaignActivities {

  /** The scheduled definition (immutable once scheduled). */
  Plan plan(long campaignId);

  /**
   * Freezes the audience (first call) and marks the campaign running.
   *
   * @param at workflow time of the start
   * @return the number of customers in the frozen audience
   */
  int freezeAudience(long campaignId, Instant at);

  /** The groups of the frozen audience in sending order (one for a start-instant schedule). */
  List<Wave> waves(long campaignId);

  /**
   * Up to {@code limit} members after {@code afterCustomer} in uuid order.
   *
   * @param timeZones only these time zones; null for all
   * @param afterCustomer uuid of the previous page's last member; null for the first page
   */
  List<Member> page(long campaignId, List<String> timeZones, String afterCustomer, int limit);

  /** Up to {@code limit} deferred members whose retry time is at or before {@code at}. */
  List<Member> dueDeferrals(long campaignId, Instant at, int limit);

  /**
   * Records a batch's outcomes (deferrals with their retry time; a member deferred {@code
   * mostDeferrals} times is given up) and recomputes the persisted statistics.
   *
   * @return the deferrals still waiting after this batch
   */
  Deferrals recordBatch(
      long campaignId, List<DeliveryOutcome> outcomes, Instant at, int mostDeferrals);

  /** Final statistics and status: completed, or cancelled. */
  void finish(long campaignId, boolean cancelled, Instant at);

  /**
   * A scheduled campaign as its run needs it.
   *
   * @param firstStartAt when the run starts and freezes its audience: the start instant, or the
   *     local start where it comes first (UTC+14)
   * @param throttlePerMinute most messages per minute
   */
  record Plan(
      String name,
      Channel channel,
      MessageClass messageClass,
      MessageTemplate template,
      Instant firstStartAt,
      int throttlePerMinute) {}

  /** A recipient with the time zone frozen with the audience. */
  record Member(String customerUuid, String timeZone) {}

  /**
   * Members sent to at the same instant.
   *
   * @param timeZones the group's time zones; null for the whole audience
   */
  record Wave(Instant startAt, List<String> timeZones) {}

  /**
   * @param deferred members waiting to be retried
   * @param nextRetryAt the earliest of their retry times; null when none waits
   * @param gaveUp members given up after too many deferrals (counted as suppressed)
   */
  record Deferrals(int deferred, Instant nextRetryAt, int gaveUp) {}
}
