package com.oxidly.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/** The builder's live numbers, read from the run index on real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyStatsTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private TestDatabase database;
  private JdbcTemplate jdbc;
  private JourneyRuns runs;
  private JourneyStats stats;
  private long winBack;

  @BeforeAll
  void runsThroughAWinBackJourney() {
    database =
        TestDatabase.create(
            "oxidly_test_jstats_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    jdbc = database.jdbc();
    Journeys journeys = new Journeys(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    runs = new JourneyRuns(jdbc);
    stats = new JourneyStats(jdbc);
    winBack = journeys.createFromTemplate("win-back", "ann");
    journeys.publish(winBack, "ann");
    // Three contacted customers: one converted for 40, one still waiting a week, one suppressed.
    run("r1", "contacted", "miss-you", "sent", "a-week");
    step("r1", 4, "a-week", "wait", "waited", "still-away");
    runs.recordConversion(
        "r1", "order_placed", "e-1", new BigDecimal("40.00"), "holdout-split:contacted", NOW);
    runs.finish("r1", true, "completed", NOW);
    run("r2", "contacted", "miss-you", "sent", "a-week");
    run("r3", "contacted", "miss-you", "suppressed:no_email_consent", "a-week");
    // Two holdouts, one of whom ordered anyway for 25.
    run("r4", "holdout", null, null, null);
    runs.recordConversion(
        "r4", "order_placed", "e-4", new BigDecimal("25.00"), "holdout-split:holdout", NOW);
    runs.finish("r4", false, "holdout:converted", NOW);
    run("r5", "holdout", null, null, null);
    runs.finish("r5", false, "holdout", NOW);
  }

  @AfterAll
  void dropDatabase() {
    database.drop();
  }

  @Test
  void stepsCountWhoReachedThemWhoIsThereNowWhatWasSentAndWhoConverted() {
    var counts = stats.steps(winBack);

    assertThat(counts.get("holdout-split")).isEqualTo(new JourneyStats.StepCounts(5, 0, 0, 2));
    assertThat(counts.get("miss-you")).isEqualTo(new JourneyStats.StepCounts(3, 0, 2, 1));
    assertThat(counts.get("a-week")).isEqualTo(new JourneyStats.StepCounts(3, 2, 0, 1));
    // r1 was headed there when it ended: a step counts only once a run takes it or waits at it.
    assertThat(counts).doesNotContainKeys("still-away", "offer");
  }

  @Test
  void splitResultsCompareTheContactedWithTheHoldout() {
    var split =
        (JourneyStep.Split)
            JourneyProgram.of(JourneyTemplates.template("win-back")).node("holdout-split").step();

    var results = stats.split(winBack, split);

    assertThat(results)
        .extracting(
            JourneyStats.PathResult::path,
            JourneyStats.PathResult::runs,
            JourneyStats.PathResult::conversions,
            JourneyStats.PathResult::revenue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("contacted", 3L, 1L, new BigDecimal("40.00")),
            org.assertj.core.groups.Tuple.tuple("holdout", 2L, 1L, new BigDecimal("25.00")));
    assertThat(results.get(1).rate()).isEqualTo(0.5);
  }

  /** A run that took the split down {@code path}, then maybe a send, and now waits at a step. */
  private void run(
      String runId, String path, String sendStep, String sendOutcome, String waitingAt) {
    UUID customer = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " values (?, ?, 'X', now())",
        customer,
        runId + "@example.com");
    runs.admit(
        runId,
        "wf-" + runId,
        winBack,
        1,
        JourneyDefinition.ReEntry.NEVER,
        customer,
        "holdout-split",
        NOW);
    step(runId, 1, "holdout-split", "split", "path:" + path, sendStep);
    if (sendStep != null) {
      step(runId, 2, "morning", "wait", "waited", sendStep);
      step(runId, 3, sendStep, "send", sendOutcome, waitingAt);
    }
  }

  private void step(
      String runId, int seq, String stepId, String type, String outcome, String next) {
    runs.recordStep(runId, seq, stepId, type, outcome, null, next, NOW);
  }
}
