package com.oxidly.domain.campaign;

import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.messaging.MessageTemplates;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.segment.Segments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaign definitions and their status as marketers see them: drafts edited freely, scheduled
 * after a full check, then paused, resumed or cancelled while their workflow runs. Once scheduled a
 * definition never changes, so the run always sends what was checked.
 */
@Service
public class Campaigns {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A start instant may lie this far in the past (a form submitted slowly); it starts at once. */
  static final Duration START_GRACE = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Segments segments;
  private final CampaignRuns runs;

  Campaigns(JdbcTemplate jdbc, Clock clock, Segments segments, CampaignRuns runs) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.segments = segments;
    this.runs = runs;
  }

  /**
   * Stores a new draft.
   *
   * @throws InvalidCampaignException when the name is missing or taken, or a value is out of range
   */
  @Transactional
  public long create(CampaignDefinition draft, String by) {
    checkDraft(draft);
    Instant now = clock.instant();
    try {
      Long id =
          jdbc.queryForObject(
              """
              insert into campaigns (name, channel, message_class, template, audience_segment,
                                     audience_query, start_at, local_date, local_time,
                                     throttle_per_minute, created_at, created_by, updated_at,
                                     updated_by)
              values (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
              returning campaign_id\
              """,
              Long.class,
              columns(draft, Timestamp.from(now), by, Timestamp.from(now), by));
      return id;
    } catch (DuplicateKeyException taken) {
      throw nameTaken();
    }
  }

  /**
   * Replaces a draft.
   *
   * @throws CampaignStateException when the campaign is no longer a draft
   */
  @Transactional
  public void update(long id, CampaignDefinition draft, String by) {
    checkDraft(draft);
    String status = lockStatus(id);
    if (!status.equals("draft")) {
      throw new CampaignStateException(id, status, "edit it (only drafts can be edited)");
    }
    try {
      jdbc.update(
          """
          update campaigns set name = ?, channel = ?, message_class = ?, template = ?::jsonb,
                 audience_segment = ?, audience_query = ?::jsonb, start_at = ?, local_date = ?,
                 local_time = ?, throttle_per_minute = ?, updated_at = ?, updated_by = ?
           where campaign_id = ?\
          """,
          append(columns(draft, null, null, Timestamp.from(clock.instant()), by), id));
    } catch (DuplicateKeyException taken) {
      throw nameTaken();
    }
  }

  /**
   * Checks a draft completely and marks it scheduled; the caller then starts its workflow.
   *
   * @throws InvalidCampaignException (whenScheduling) with every problem: template, audience,
   *     schedule
   * @throws CampaignStateException when it is not a draft
   */
  @Transactional
  public Campaign schedule(long id, String by) {
    String status = lockStatus(id);
    if (!status.equals("draft")) {
      throw new CampaignStateException(id, status, "schedule it (only drafts can be scheduled)");
    }
    Campaign campaign = find(id).orElseThrow();
    List<FieldError> problems = problems(campaign.definition());
    if (!problems.isEmpty()) {
      throw new InvalidCampaignException(problems, true);
    }
    jdbc.update(
        """
        update campaigns set status = 'scheduled', scheduled_at = ?, scheduled_by = ?
         where campaign_id = ?\
        """,
        Timestamp.from(clock.instant()),
        by,
        id);
    return find(id).orElseThrow();
  }

  /** Undoes {@link #schedule} when its workflow could not be started. */
  @Transactional
  public void unschedule(long id) {
    jdbc.update(
        """
        update campaigns set status = 'draft', scheduled_at = null, scheduled_by = null
         where campaign_id = ? and status = 'scheduled' and started_at is null\
        """,
        id);
  }

  /**
   * Marks a live campaign paused (its workflow holds sends once signalled).
   *
   * @throws CampaignStateException unless it is scheduled or running (paused: no change)
   */
  @Transactional
  public void markPaused(long id) {
    String status = lockStatus(id);
    switch (status) {
      case "paused" -> {}
      case "scheduled", "running" ->
          jdbc.update("update campaigns set status = 'paused' where campaign_id = ?", id);
      default -> throw new CampaignStateException(id, status, "pause it");
    }
  }

  /**
   * Marks a paused campaign scheduled again (not started yet) or running.
   *
   * @throws CampaignStateException unless it is paused (scheduled or running: no change)
   */
  @Transactional
  public void markResumed(long id) {
    String status = lockStatus(id);
    switch (status) {
      case "scheduled", "running" -> {}
      case "paused" ->
          jdbc.update(
              """
              update campaigns
                 set status = case when started_at is null then 'scheduled' else 'running' end
               where campaign_id = ?\
              """,
              id);
      default -> throw new CampaignStateException(id, status, "resume it");
    }
  }

  /**
   * Marks a campaign cancelled; a draft simply never runs.
   *
   * @return whether a workflow may be running (and must be signalled)
   * @throws CampaignStateException when it already completed
   */
  @Transactional
  public boolean markCancelled(long id) {
    String status = lockStatus(id);
    switch (status) {
      case "cancelled" -> {
        return false;
      }
      case "completed" -> throw new CampaignStateException(id, status, "cancel it");
      default -> {
        jdbc.update("update campaigns set status = 'cancelled' where campaign_id = ?", id);
        return !status.equals("draft");
      }
    }
  }

  public Optional<Campaign> find(long id) {
    return jdbc.query(SELECT + " where campaign_id = ?", Campaigns::campaign, id).stream()
        .findFirst();
  }

  /**
   * @throws CampaignNotFoundException for an unknown id
   */
  public Campaign get(long id) {
    return find(id).orElseThrow(() -> new CampaignNotFoundException(id));
  }

  /** Every campaign, newest first. */
  public List<Campaign> list() {
    return jdbc.query(SELECT + " order by campaign_id desc", Campaigns::campaign);
  }

  /** Everything that stops a definition from being sent; empty when it can be scheduled. */
  List<FieldError> problems(CampaignDefinition definition) {
    List<FieldError> problems = new ArrayList<>();
    MessageTemplates.problems(definition.channel(), definition.template())
        .forEach(problem -> problems.add(new FieldError("template", problem)));
    CampaignDefinition.Audience audience = definition.audience();
    if (audience == null || (audience.segment() == null) == (audience.query() == null)) {
      problems.add(new FieldError("audience", "needs a segment or a query (one of them)"));
    } else if (audience.segment() != null && segments.find(audience.segment()).isEmpty()) {
      problems.add(
          new FieldError("audience.segment", "no segment '" + audience.segment() + "' exists"));
    } else if (runs.count(audience) == 0) {
      problems.add(new FieldError("audience", "matches no customers"));
    }
    CampaignDefinition.Schedule schedule = definition.schedule();
    Instant now = clock.instant();
    if (schedule == null || (schedule.startAt() == null) == !schedule.isLocal()) {
      problems.add(
          new FieldError("schedule", "needs a startAt, or a date with a localTime (one of them)"));
    } else if (schedule.startAt() != null && schedule.startAt().isBefore(now.minus(START_GRACE))) {
      problems.add(new FieldError("schedule.startAt", "is in the past"));
    } else if (schedule.isLocal() && CampaignSchedules.lastStart(schedule).isBefore(now)) {
      problems.add(
          new FieldError(
              "schedule",
              "local time "
                  + schedule.localTime()
                  + " on "
                  + schedule.date()
                  + " has passed in every time zone"));
    }
    return problems;
  }

  private void checkDraft(CampaignDefinition draft) {
    List<FieldError> errors = new ArrayList<>();
    if (draft == null || draft.name() == null || draft.name().isBlank()) {
      errors.add(new FieldError("name", "is required"));
    } else if (draft.name().length() > 200) {
      errors.add(new FieldError("name", "is longer than 200 characters"));
    }
    if (draft != null
        && draft.throttlePerMinute() != null
        && (draft.throttlePerMinute() < 1
            || draft.throttlePerMinute() > CampaignDefinition.MAX_THROTTLE_PER_MINUTE)) {
      errors.add(
          new FieldError(
              "throttlePerMinute",
              "must be between 1 and " + CampaignDefinition.MAX_THROTTLE_PER_MINUTE));
    }
    if (draft != null
        && draft.schedule() != null
        && (draft.schedule().date() == null) != (draft.schedule().localTime() == null)) {
      errors.add(new FieldError("schedule", "date and localTime go together"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidCampaignException(errors, false);
    }
  }

  private static InvalidCampaignException nameTaken() {
    return new InvalidCampaignException(
        List.of(new FieldError("name", "is already used by another campaign")), false);
  }

  private String lockStatus(long id) {
    return jdbc
        .query(
            "select status from campaigns where campaign_id = ? for update",
            (rs, n) -> rs.getString(1),
            id)
        .stream()
        .findFirst()
        .orElseThrow(() -> new CampaignNotFoundException(id));
  }

  private static Object[] columns(
      CampaignDefinition d, Timestamp createdAt, String createdBy, Timestamp updatedAt, String by) {
    CampaignDefinition.Audience audience = d.audience();
    CampaignDefinition.Schedule schedule = d.schedule();
    List<Object> values = new ArrayList<>();
    values.add(d.name().trim());
    values.add((d.channel() == null ? Channel.EMAIL : d.channel()).key());
    values.add(
        (d.messageClass() == null ? MessageClass.MARKETING : d.messageClass())
            .name()
            .toLowerCase(Locale.ROOT));
    values.add(
        JSON.writeValueAsString(
            d.template() == null ? new MessageTemplate(null, null, null, null) : d.template()));
    values.add(
        audience == null || audience.segment() == null ? null : Segments.keyOf(audience.segment()));
    values.add(
        audience == null || audience.query() == null
            ? null
            : JSON.writeValueAsString(audience.query()));
    values.add(
        schedule == null || schedule.startAt() == null ? null : Timestamp.from(schedule.startAt()));
    values.add(schedule == null ? null : schedule.date());
    values.add(schedule == null ? null : schedule.localTime());
    values.add(d.throttle());
    if (createdAt != null) {
      values.add(createdAt);
      values.add(createdBy);
    }
    values.add(updatedAt);
    values.add(by);
    return values.toArray();
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] all = Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  static final String SELECT =
      """
      select campaign_id, name, channel, message_class, template::text, audience_segment,
             audience_query::text, start_at, local_date, local_time, throttle_per_minute, status,
             note, created_at, created_by, updated_at, updated_by, scheduled_at, scheduled_by,
             started_at, finished_at, audience_size, sent, failed, deferred, suppressed::text,
             stats_updated_at
        from campaigns\
      """;

  static Campaign campaign(ResultSet rs, int row) throws SQLException {
    String query = rs.getString("audience_query");
    String segment = rs.getString("audience_segment");
    CustomerQuery parsed = query == null ? null : Segments.parse(query);
    CampaignDefinition.Audience audience =
        segment == null && parsed == null ? null : new CampaignDefinition.Audience(segment, parsed);
    Timestamp startAt = rs.getTimestamp("start_at");
    LocalDate date = rs.getObject("local_date", LocalDate.class);
    LocalTime time = rs.getObject("local_time", LocalTime.class);
    CampaignDefinition.Schedule schedule =
        startAt == null && date == null
            ? null
            : new CampaignDefinition.Schedule(instant(startAt), date, time);
    CampaignDefinition definition =
        new CampaignDefinition(
            rs.getString("name"),
            Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)),
            MessageClass.valueOf(rs.getString("message_class").toUpperCase(Locale.ROOT)),
            JSON.readValue(rs.getString("template"), MessageTemplate.class),
            audience,
            schedule,
            rs.getInt("throttle_per_minute"));
    Map<String, Integer> suppressed =
        new LinkedHashMap<>(
            JSON.readValue(
                rs.getString("suppressed"), new TypeReference<Map<String, Integer>>() {}));
    Integer size = rs.getObject("audience_size", Integer.class);
    return new Campaign(
        rs.getLong("campaign_id"),
        definition,
        rs.getString("status"),
        rs.getString("note"),
        instant(rs.getTimestamp("created_at")),
        rs.getString("created_by"),
        instant(rs.getTimestamp("updated_at")),
        rs.getString("updated_by"),
        instant(rs.getTimestamp("scheduled_at")),
        rs.getString("scheduled_by"),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")),
        new Campaign.Stats(
            size,
            rs.getInt("sent"),
            rs.getInt("failed"),
            rs.getInt("deferred"),
            suppressed,
            instant(rs.getTimestamp("stats_updated_at"))));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
