package com.oxidly.domain.campaign;

import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.SegmentKind;
import com.oxidly.domain.segment.Segments;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a campaign run needs from PostgreSQL: its audience frozen at start time (so resumes, retries
 * and continue-as-new see the same customers), pages of it in customer order, deferrals and
 * statistics. Every method is idempotent, because activities call them and may be retried.
 */
@Service
public class CampaignRuns {

  /** One recipient: who, and the time zone they had when the audience was frozen. */
  public record Member(UUID customerUuid, String timeZone) {}

  /**
   * Customers sent to at the same instant.
   *
   * @param timeZones the time zones of the group; null for everyone (a start-instant schedule)
   */
  public record Wave(Instant startAt, List<String> timeZones) {}

  /**
   * What one send came to, as the run tells it.
   *
   * @param status sent, suppressed, deferred or failed
   * @param retryAt for deferred: when to try again
   */
  public record Outcome(UUID customerUuid, String status, Instant retryAt) {}

  /**
   * The deferrals after a batch was recorded.
   *
   * @param deferred customers waiting to be retried
   * @param nextRetryAt the earliest retry among them; null when none waits
   * @param gaveUp customers given up after too many deferrals
   */
  public record Deferrals(int deferred, Instant nextRetryAt, int gaveUp) {}

  /** Reason counted for customers deferred more often than a run allows. */
  public static final String DEFERRED_TOO_OFTEN = "deferred_too_often";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final PostgresCustomerQueries queries;
  private final Segments segments;

  CampaignRuns(
      JdbcTemplate jdbc,
      NamedParameterJdbcTemplate named,
      PostgresCustomerQueries queries,
      Segments segments) {
    this.jdbc = jdbc;
    this.named = named;
    this.queries = queries;
    this.segments = segments;
  }

  /** How many customers an audience has now. */
  public long count(CampaignDefinition.Audience audience) {
    Optional<PostgresCustomerQueries.Condition> condition = condition(audience);
    if (condition.isEmpty()) {
      return 0;
    }
    Long count =
        named.queryForObject(
            "select count(*) from customers c where " + condition.get().sql(),
            condition.get().parameters(),
            Long.class);
    return count == null ? 0 : count;
  }

  /**
   * Freezes the audience once: the first call copies the matching customers (and their time zones)
   * into campaign_audience and marks the campaign running (unless paused meanwhile); later calls
   * return the same size without looking at customers again.
   *
   * @param at workflow time of the start
   * @return the audience's size
   */
  @Transactional
  public int freezeAudience(long campaignId, Instant at) {
    Campaign campaign =
        jdbc
            .query(
                "select campaign_id from campaigns where campaign_id = ? for update",
                (rs, n) -> rs.getLong(1),
                campaignId)
            .stream()
            .findFirst()
            .map(this::campaignOf)
            .orElseThrow(() -> new CampaignNotFoundException(campaignId));
    if (campaign.startedAt() != null && campaign.stats().queued() != null) {
      return campaign.stats().queued();
    }
    Optional<PostgresCustomerQueries.Condition> condition =
        condition(campaign.definition().audience());
    int size = 0;
    if (condition.isPresent()) {
      Map<String, Object> parameters = new HashMap<>(condition.get().parameters());
      parameters.put("campaign_id", campaignId);
      size =
          named.update(
              "insert into campaign_audience (campaign_id, customer_uuid, time_zone)"
                  + " select :campaign_id, c.customer_uuid, c.time_zone from customers c where "
                  + condition.get().sql()
                  + " on conflict do nothing",
              parameters);
    }
    jdbc.update(
        """
        update campaigns
           set started_at = ?, audience_size = ?, note = ?,
               status = case when status = 'scheduled' then 'running' else status end
         where campaign_id = ?\
        """,
        Timestamp.from(at),
        size,
        condition.isPresent()
            ? null
            : "segment '" + campaign.definition().audience().segment() + "' no longer exists",
        campaignId);
    return size;
  }

  /**
   * The groups of a frozen audience in the order they are sent: one for a start instant, one per
   * distinct local start for a local-time schedule (time zones with the same offset share one).
   */
  public List<Wave> waves(long campaignId) {
    CampaignDefinition.Schedule schedule = campaignOf(campaignId).definition().schedule();
    if (!schedule.isLocal()) {
      return List.of(new Wave(schedule.startAt(), null));
    }
    TreeMap<Instant, List<String>> byStart = new TreeMap<>();
    jdbc.query(
            "select distinct time_zone from campaign_audience where campaign_id = ?"
                + " order by time_zone",
            (rs, n) -> rs.getString(1),
            campaignId)
        .forEach(
            zone ->
                byStart
                    .computeIfAbsent(
                        CampaignSchedules.localStart(schedule, zone), start -> new ArrayList<>())
                    .add(zone));
    List<Wave> waves = new ArrayList<>();
    byStart.forEach((start, zones) -> waves.add(new Wave(start, List.copyOf(zones))));
    return waves;
  }

  /**
   * Members after {@code after} in customer order.
   *
   * @param timeZones only these time zones; null for all
   * @param after the last customer of the previous page; null for the first page
   */
  public List<Member> page(long campaignId, List<String> timeZones, UUID after, int limit) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("campaign_id", campaignId);
    parameters.put("after", after == null ? new UUID(0, 0) : after);
    parameters.put("limit", limit);
    String zones = "";
    if (timeZones != null) {
      parameters.put("zones", timeZones);
      zones = " and time_zone in (:zones)";
    }
    return named.query(
        "select customer_uuid, time_zone from campaign_audience where campaign_id = :campaign_id"
            + " and customer_uuid > :after"
            + zones
            + " order by customer_uuid limit :limit",
        parameters,
        (rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2)));
  }

  /** Deferred members whose retry time has come by {@code at}, earliest first. */
  public List<Member> dueDeferrals(long campaignId, Instant at, int limit) {
    return jdbc.query(
        """
        select customer_uuid, time_zone from campaign_audience
         where campaign_id = ? and deferred_until is not null and deferred_until <= ?
         order by deferred_until, customer_uuid limit ?\
        """,
        (rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2)),
        campaignId,
        Timestamp.from(at),
        limit);
  }

  /**
   * Records a batch's outcomes: deferred customers wait until their retry time (a customer deferred
   * {@code mostDeferrals} times is given up), settled ones stop waiting; then the statistics are
   * recomputed. Repeating a call changes nothing more (a deferral is counted once per retry time).
   */
  @Transactional
  public Deferrals record(long campaignId, List<Outcome> outcomes, Instant at, int mostDeferrals) {
    List<Object[]> deferred = new ArrayList<>();
    List<Object[]> settled = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      if (outcome.status().equals("deferred") && outcome.retryAt() != null) {
        Timestamp retryAt = Timestamp.from(outcome.retryAt());
        deferred.add(new Object[] {retryAt, retryAt, campaignId, outcome.customerUuid()});
      } else {
        settled.add(new Object[] {campaignId, outcome.customerUuid()});
      }
    }
    if (!deferred.isEmpty()) {
      jdbc.batchUpdate(
          """
          update campaign_audience
             set deferrals = deferrals
                   + case when deferred_until is distinct from ? then 1 else 0 end,
                 deferred_until = ?
           where campaign_id = ? and customer_uuid = ? and not gave_up\
          """,
          deferred);
      jdbc.update(
          """
          update campaign_audience set gave_up = true, deferred_until = null
           where campaign_id = ? and deferrals >= ? and deferred_until is not null\
          """,
          campaignId,
          mostDeferrals);
    }
    if (!settled.isEmpty()) {
      jdbc.batchUpdate(
          """
          update campaign_audience set deferred_until = null
           where campaign_id = ? and customer_uuid = ? and deferred_until is not null\
          """,
          settled);
    }
    refreshStats(campaignId, at);
    return jdbc.queryForObject(
        """
        select count(*) filter (where deferred_until is not null), min(deferred_until),
               count(*) filter (where gave_up)
          from campaign_audience
         where campaign_id = ? and (deferred_until is not null or gave_up)\
        """,
        (rs, n) ->
            new Deferrals(
                rs.getInt(1),
                rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                rs.getInt(3)),
        campaignId);
  }

  /**
   * Ends a run: completed (unless it was cancelled meanwhile) or cancelled, with final statistics.
   */
  @Transactional
  public void finish(long campaignId, boolean cancelled, Instant at) {
    refreshStats(campaignId, at);
    jdbc.update(
        """
        update campaigns
           set status = case when ? or status = 'cancelled' then 'cancelled' else 'completed' end,
               finished_at = ?
         where campaign_id = ?\
        """,
        cancelled,
        Timestamp.from(at),
        campaignId);
  }

  /** Recomputes the statistics from the delivery log and the frozen audience. */
  void refreshStats(long campaignId, Instant at) {
    String source = source(campaignId);
    jdbc.update(
        """
        update campaigns c
           set sent = (select count(*) from deliveries where source = ? and status = 'sent'),
               failed = (select count(*) from deliveries where source = ? and status = 'failed'),
               deferred = (select count(*) from campaign_audience a
                            where a.campaign_id = c.campaign_id and a.deferred_until is not null),
               suppressed = (select coalesce(jsonb_object_agg(reason, n), '{}'::jsonb) from (
                               select coalesce(reason, 'unknown') as reason, count(*) as n
                                 from deliveries where source = ? and status = 'suppressed'
                                group by 1
                               union all
                               select ?, count(*) from campaign_audience a
                                where a.campaign_id = c.campaign_id and a.gave_up
                               having count(*) > 0) reasons),
               stats_updated_at = ?
         where campaign_id = ?\
        """,
        source,
        source,
        source,
        DEFERRED_TOO_OFTEN,
        Timestamp.from(at),
        campaignId);
  }

  /** The delivery log's source of a campaign's sends. */
  public static String source(long campaignId) {
    return "campaign:" + campaignId;
  }

  /** The send key of a campaign's one message to a customer. */
  public static String sendKey(long campaignId, UUID customer) {
    return source(campaignId) + ":" + customer;
  }

  private Campaign campaignOf(long campaignId) {
    return jdbc
        .query(Campaigns.SELECT + " where campaign_id = ?", Campaigns::campaign, campaignId)
        .stream()
        .findFirst()
        .orElseThrow(() -> new CampaignNotFoundException(campaignId));
  }

  private Optional<PostgresCustomerQueries.Condition> condition(
      CampaignDefinition.Audience audience) {
    if (audience == null) {
      return Optional.empty();
    }
    if (audience.query() != null) {
      return Optional.of(queries.condition(audience.query()));
    }
    Optional<Segment> segment = segments.find(audience.segment());
    if (segment.isEmpty()) {
      return Optional.empty();
    }
    if (segment.get().kind() == SegmentKind.DYNAMIC && segment.get().definition() != null) {
      // The definition itself, not customers.segments: exact at this instant, not as of the last
      // evaluation.
      return Optional.of(queries.condition(segment.get().definition()));
    }
    return Optional.of(
        new PostgresCustomerQueries.Condition(
            "c.customer_uuid in (select m.customer_uuid from segment_members m"
                + " where m.segment_key = :campaign_segment)",
            Map.of("campaign_segment", segment.get().key())));
  }
}
