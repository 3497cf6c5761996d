package com.oxidly.domain.journey;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Live numbers of a journey for its builder, read from the run index (journey_runs, journey_steps,
 * journey_conversions) rather than from Temporal: views never ask workflows for every customer.
 * Counts cover all versions of the journey, because step ids survive edits and versions.
 */
@Service
public class JourneyStats {

  /**
   * @param entered runs that reached the step (took it, or are at it now)
   * @param now active runs at the step now (waiting there, usually)
   * @param sent messages sent by a send step
   * @param converted runs that reached the step and converted to the journey's goal
   */
  public record StepCounts(long entered, long now, long sent, long converted) {
    public static final StepCounts NONE = new StepCounts(0, 0, 0, 0);
  }

  /**
   * The results of one path of a split (the experiment's arm or holdout group).
   *
   * @param runs runs that took the path
   */
  public record PathResult(String path, long runs, long conversions, BigDecimal revenue) {

    /** Conversions per run, 0 to 1; 0 without runs. */
    public double rate() {
      return runs == 0 ? 0 : (double) conversions / runs;
    }
  }

  private final JdbcTemplate jdbc;

  JourneyStats(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts per step id; steps no run reached are absent. */
  public Map<String, StepCounts> steps(long journeyId) {
    Map<String, StepCounts> counts = new HashMap<>();
    jdbc.query(
        """
        with reached as (
            select s.step_id, s.run_id, s.outcome
              from journey_steps s join journey_runs r on r.run_id = s.run_id
             where r.journey_id = ?
            union all
            select current_step, run_id, null
              from journey_runs
             where journey_id = ? and status = 'active' and current_step is not null)
        select x.step_id,
               count(distinct x.run_id) as entered,
               count(*) filter (where x.outcome = 'sent') as sent,
               count(distinct x.run_id) filter (where c.run_id is not null) as converted
          from reached x left join journey_conversions c on c.run_id = x.run_id
         group by x.step_id\
        """,
        rs -> {
          counts.put(
              rs.getString(1), new StepCounts(rs.getLong(2), 0, rs.getLong(3), rs.getLong(4)));
        },
        journeyId,
        journeyId);
    jdbc.query(
        """
        select current_step, count(*) from journey_runs
         where journey_id = ? and status = 'active' and current_step is not null
         group by current_step\
        """,
        rs -> {
          StepCounts c = counts.getOrDefault(rs.getString(1), StepCounts.NONE);
          counts.put(
              rs.getString(1), new StepCounts(c.entered(), rs.getLong(2), c.sent(), c.converted()));
        },
        journeyId);
    return counts;
  }

  /** Runs, conversions and revenue per path of the split {@code split}, in the split's order. */
  public List<PathResult> split(long journeyId, JourneyStep.Split split) {
    Map<String, long[]> runs = new HashMap<>();
    Map<String, BigDecimal> revenue = new HashMap<>();
    jdbc.query(
        """
        select substring(s.outcome from 6) as path, count(distinct s.run_id)
          from journey_steps s join journey_runs r on r.run_id = s.run_id
         where r.journey_id = ? and s.step_id = ? and s.outcome like 'path:%'
         group by 1\
        """,
        rs -> {
          runs.computeIfAbsent(rs.getString(1), p -> new long[2])[0] = rs.getLong(2);
        },
        journeyId,
        split.id());
    // The workflow files a conversion under "split id:path name", the path the run took.
    jdbc.query(
        """
        select substring(c.split_path from length(?) + 2), count(*), coalesce(sum(c.revenue), 0)
          from journey_conversions c join journey_runs r on r.run_id = c.run_id
         where r.journey_id = ? and c.split_path like ? escape '\\'
         group by 1\
        """,
        rs -> {
          runs.computeIfAbsent(rs.getString(1), p -> new long[2])[1] = rs.getLong(2);
          revenue.put(rs.getString(1), rs.getBigDecimal(3));
        },
        split.id(),
        journeyId,
        likePrefix(split.id()) + ":%");
    return split.paths().stream()
        .map(
            path -> {
              long[] counts = runs.getOrDefault(path.name(), new long[2]);
              return new PathResult(
                  path.name(),
                  counts[0],
                  counts[1],
                  revenue.getOrDefault(path.name(), BigDecimal.ZERO));
            })
        .toList();
  }

  private static String likePrefix(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
