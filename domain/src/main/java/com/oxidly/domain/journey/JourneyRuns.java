package com.oxidly.domain.journey;

import com.oxidly.domain.journey.JourneyDefinition.ReEntry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Oxidly's own record of journey runs: who entered what and when, each step taken and how it went,
 * and conversions. Every write is keyed (the Temporal run id, the run's step counter), so activity
 * retries never double a row.
 */
@Service
public class JourneyRuns {

  /**
   * Whether a customer may start a run.
   *
   * @param entry the customer's entry number into this journey (1 for the first), when admitted
   * @param refusal why not, when not admitted
   * @param timeZone the customer's IANA time zone, for waits until a time of day
   */
  public record Admission(boolean admitted, int entry, String refusal, String timeZone) {}

  /** A run as the customer's journeys view shows it. */
  public record RunView(
      String runId,
      String workflowId,
      long journeyId,
      String journeyName,
      int version,
      int entry,
      String status,
      String currentStep,
      Instant enteredAt,
      Instant endedAt,
      String endReason,
      List<StepTaken> steps) {}

  public record StepTaken(
      int seq, String stepId, String stepType, String outcome, String detail, Instant at) {}

  private final JdbcTemplate jdbc;

  JourneyRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Admits a customer into a journey version under the journey's re-entry rule, or says why not.
   * Idempotent per run id; two runs racing for the same customer and journey are serialised, so a
   * customer is never in one journey twice at once.
   */
  @Transactional
  public Admission admit(
      String runId,
      String workflowId,
      long journeyId,
      int version,
      ReEntry reEntry,
      UUID customer,
      String firstStep,
      Instant at) {
    jdbc.query(
        "select pg_advisory_xact_lock(hashtextextended(?, 0))",
        rs -> null,
        "journey-entry:" + journeyId + ":" + customer);
    Optional<String> timeZone =
        jdbc
            .query(
                "select time_zone from customers where customer_uuid = ?",
                (rs, n) -> rs.getString(1),
                customer)
            .stream()
            .findFirst();
    if (timeZone.isEmpty()) {
      return new Admission(false, 0, "customer_not_found", "UTC");
    }
    Optional<Integer> sameRun =
        jdbc
            .query(
                "select entry from journey_runs where run_id = ?", (rs, n) -> rs.getInt(1), runId)
            .stream()
            .findFirst();
    if (sameRun.isPresent()) {
      return new Admission(true, sameRun.get(), null, timeZone.get());
    }
    var previous =
        jdbc.queryForMap(
            """
            select coalesce(max(entry), 0) as entries, max(entered_at) as last_entered,
                   count(*) filter (where status = 'active') as active
              from journey_runs where journey_id = ? and customer_uuid = ?\
            """,
            journeyId,
            customer);
    int entries = ((Number) previous.get("entries")).intValue();
    if (((Number) previous.get("active")).longValue() > 0) {
      return new Admission(false, 0, "already_in_journey", timeZone.get());
    }
    if (entries > 0) {
      String refusal = reEntryRefusal(reEntry, (Timestamp) previous.get("last_entered"), at);
      if (refusal != null) {
        return new Admission(false, 0, refusal, timeZone.get());
      }
    }
    jdbc.update(
        """
        insert into journey_runs
            (run_id, workflow_id, journey_id, version, customer_uuid, entry, status, entered_at,
             current_step)
        values (?, ?, ?, ?, ?, ?, 'active', ?, ?)\
        """,
        runId,
        workflowId,
        journeyId,
        version,
        customer,
        entries + 1,
        Timestamp.from(at),
        firstStep);
    return new Admission(true, entries + 1, null, timeZone.get());
  }

  private static String reEntryRefusal(ReEntry reEntry, Timestamp lastEntered, Instant at) {
    return switch (reEntry.policy()) {
      case NEVER -> "re_entry_never";
      case ALWAYS -> null;
      case AFTER ->
          lastEntered.toInstant().plus(reEntry.after()).isAfter(at)
              ? "re_entry_after_" + reEntry.after()
              : null;
    };
  }

  /** Records a step a run took; a repeat of the same {@code seq} is ignored. */
  @Transactional
  public void recordStep(
      String runId,
      int seq,
      String stepId,
      String stepType,
      String outcome,
      String detail,
      String currentStep,
      Instant at) {
    jdbc.update(
        """
        insert into journey_steps (run_id, seq, step_id, step_type, outcome, detail, occurred_at)
        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing\
        """,
        runId,
        seq,
        stepId,
        stepType,
        outcome,
        detail,
        Timestamp.from(at));
    jdbc.update(
        "update journey_runs set current_step = ? where run_id = ? and status = 'active'",
        currentStep,
        runId);
  }

  /** Ends a run (completed or exited, with the reason); ending twice keeps the first. */
  public void finish(String runId, boolean completed, String reason, Instant at) {
    jdbc.update(
        """
        update journey_runs set status = ?, end_reason = ?, ended_at = ?, current_step = null
         where run_id = ? and status = 'active'\
        """,
        completed ? "completed" : "exited",
        reason,
        Timestamp.from(at),
        runId);
  }

  /** Records a run's conversion once, with its revenue and the split path the run took. */
  public void recordConversion(
      String runId,
      String goal,
      String eventKey,
      BigDecimal revenue,
      String splitPath,
      Instant at) {
    jdbc.update(
        """
        insert into journey_conversions (run_id, goal, event_key, revenue, split_path, converted_at)
        values (?, ?, ?, ?, ?, ?) on conflict do nothing\
        """,
        runId,
        goal,
        eventKey,
        revenue == null ? BigDecimal.ZERO : revenue,
        splitPath,
        Timestamp.from(at));
  }

  /** Workflow ids of the customer's active runs: where their events must go. */
  public List<String> activeWorkflowIds(UUID customer) {
    return activeWorkflowIds(List.of(customer)).getOrDefault(customer, List.of());
  }

  /**
   * Workflow ids of the active runs of many customers in one query, for a relay pass; customers
   * without an active run are absent from the map.
   */
  public Map<UUID, List<String>> activeWorkflowIds(Collection<UUID> customers) {
    Map<UUID, List<String>> active = new HashMap<>();
    if (customers.isEmpty()) {
      return active;
    }
    jdbc.query(
        """
        select customer_uuid, workflow_id from journey_runs
         where customer_uuid = any(?::uuid[]) and status = 'active'\
        """,
        rs -> {
          active
              .computeIfAbsent(rs.getObject(1, UUID.class), c -> new ArrayList<>())
              .add(rs.getString(2));
        },
        (Object) customers.stream().map(UUID::toString).toArray(String[]::new));
    return active;
  }

  /** Every run of the customer, newest first, with its steps. */
  public List<RunView> runsOf(UUID customer) {
    return jdbc.query(
        """
        select r.run_id, r.workflow_id, r.journey_id, j.name, r.version, r.entry, r.status,
               r.current_step, r.entered_at, r.ended_at, r.end_reason
          from journey_runs r join journeys j on j.journey_id = r.journey_id
         where r.customer_uuid = ?
         order by r.entered_at desc, r.run_id\
        """,
        (rs, n) ->
            new RunView(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                rs.getString(11),
                steps(rs.getString(1))),
        customer);
  }

  private List<StepTaken> steps(String runId) {
    return jdbc.query(
        """
        select seq, step_id, step_type, outcome, detail, occurred_at
          from journey_steps where run_id = ? order by seq\
        """,
        (rs, n) ->
            new StepTaken(
                rs.getInt(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant()),
        runId);
  }
}
