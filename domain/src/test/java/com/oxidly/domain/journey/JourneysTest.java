package com.oxidly.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/** Journeys and their run index on real PostgreSQL: versions, names, admission and re-entry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneysTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private TestDatabase database;
  private JdbcTemplate jdbc;
  private Journeys journeys;
  private JourneyRuns runs;
  private UUID customer;

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_journeys_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    jdbc = database.jdbc();
    journeys = new Journeys(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    runs = new JourneyRuns(jdbc);
  }

  @AfterAll
  void dropDatabase() {
    database.drop();
  }

  @BeforeEach
  void store() {
    jdbc.update("delete from journey_runs");
    jdbc.update("delete from journey_versions");
    jdbc.update("delete from journeys");
    jdbc.update("delete from customers");
    customer = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date, time_zone)"
            + " values (?, 'ada@example.com', 'Ada', now(), 'Europe/Berlin')",
        customer);
  }

  @Test
  void templatesGetNamesOfTheirOwnAndVersionsCountUp() {
    long first = journeys.createFromTemplate("abandoned-cart", "ann");
    long second = journeys.createFromTemplate("abandoned-cart", "ann");

    assertThat(journeys.summary(first).orElseThrow().name()).isEqualTo("Abandoned cart");
    assertThat(journeys.summary(second).orElseThrow().name()).isEqualTo("Abandoned cart (2)");
    assertThat(journeys.publish(first, "ann")).isEqualTo(1);
    assertThat(journeys.publish(first, "ann")).isEqualTo(2);
    assertThat(journeys.acceptingEntries())
        .extracting(Journeys.PublishedJourney::id, Journeys.PublishedJourney::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(first, 2));
    journeys.setAcceptingEntries(first, false);
    assertThat(journeys.acceptingEntries()).isEmpty();
  }

  @Test
  void aTakenNameIsRefusedNamingIt() {
    journeys.createFromTemplate("welcome-series", "ann");
    JourneyDefinition copy = JourneyTemplates.template("welcome-series");

    assertThatThrownBy(() -> journeys.create(copy, "bob"))
        .isInstanceOf(InvalidJourneyException.class)
        .hasMessageContaining("name 'Welcome series' is used by another journey");
  }

  @Test
  void publishedVersionsDoNotChangeWhenTheDraftDoes() {
    long id = journeys.createFromTemplate("welcome-series", "ann");
    journeys.publish(id, "ann");
    JourneyDefinition draft = journeys.draft(id);
    journeys.saveDraft(
        id,
        new JourneyDefinition(
            draft.name(),
            "changed",
            draft.trigger(),
            draft.reEntry(),
            draft.exitWhen(),
            draft.goal(),
            draft.steps().subList(0, 1)),
        "bob");

    assertThat(journeys.version(id, 1)).isEqualTo(JourneyTemplates.template("welcome-series"));
    assertThat(journeys.draft(id).steps()).hasSize(1);
  }

  @Test
  void aPublishedVersionIsParsedOnceAndNewVersionsAreSeenAtOnce() {
    long id = journeys.createFromTemplate("abandoned-cart", "ann");
    journeys.publish(id, "ann");
    JourneyDefinition first = journeys.acceptingEntries().getFirst().definition();

    assertThat(journeys.version(id, 1)).isSameAs(first);
    journeys.saveDraft(id, JourneyTemplates.template("welcome-series"), "bob");
    journeys.publish(id, "bob");
    assertThat(journeys.acceptingEntries().getFirst().version()).isEqualTo(2);
    assertThat(journeys.acceptingEntries().getFirst().definition().trigger())
        .isEqualTo(JourneyTemplates.template("welcome-series").trigger());
    assertThat(journeys.version(id, 1)).isSameAs(first);
  }

  @Test
  void activeRunsOfManyCustomersComeInOneLookup() {
    long id = journeys.createFromTemplate("abandoned-cart", "ann");
    journeys.publish(id, "ann");
    UUID other = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date, time_zone)"
            + " values (?, 'bo@example.com', 'Bo', now(), 'UTC')",
        other);
    var policy = JourneyDefinition.ReEntry.NEVER;
    runs.admit("run-a", "wf-a", id, 1, policy, customer, "s", NOW);
    runs.admit("run-b", "wf-b", id, 1, policy, other, "s", NOW);
    runs.finish("run-b", true, "completed", NOW.plusSeconds(1));

    var active = runs.activeWorkflowIds(List.of(customer, other, UUID.randomUUID()));

    assertThat(active).containsOnlyKeys(customer);
    assertThat(active.get(customer)).containsExactly("wf-a");
    assertThat(runs.activeWorkflowIds(List.of())).isEmpty();
    assertThat(runs.activeWorkflowIds(other)).isEmpty();
  }

  @Test
  void reEntryRulesAdmitOncePerRunAndNeverTwiceAtOnce() {
    long id = journeys.createFromTemplate("abandoned-cart", "ann");
    journeys.publish(id, "ann");
    var afterTwelveHours =
        new JourneyDefinition.ReEntry(JourneyDefinition.ReEntry.Policy.AFTER, Duration.ofHours(12));

    var first = runs.admit("run-1", "wf", id, 1, afterTwelveHours, customer, "s", NOW);
    var retried = runs.admit("run-1", "wf", id, 1, afterTwelveHours, customer, "s", NOW);
    var whileActive =
        runs.admit("run-2", "wf", id, 1, afterTwelveHours, customer, "s", NOW.plusSeconds(60));
    runs.finish("run-1", true, "completed", NOW.plusSeconds(120));
    var tooSoon =
        runs.admit("run-3", "wf", id, 1, afterTwelveHours, customer, "s", NOW.plusSeconds(3600));
    var later =
        runs.admit(
            "run-4", "wf", id, 1, afterTwelveHours, customer, "s", NOW.plus(Duration.ofHours(13)));

    assertThat(first.admitted()).isTrue();
    assertThat(first.entry()).isEqualTo(1);
    assertThat(first.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(retried).isEqualTo(first);
    assertThat(whileActive.refusal()).isEqualTo("already_in_journey");
    assertThat(tooSoon.refusal()).isEqualTo("re_entry_after_PT12H");
    assertThat(later.admitted()).isTrue();
    assertThat(later.entry()).isEqualTo(2);
    assertThat(
            runs.admit(
                    "run-5",
                    "wf",
                    id,
                    1,
                    JourneyDefinition.ReEntry.NEVER,
                    UUID.randomUUID(),
                    "s",
                    NOW)
                .refusal())
        .isEqualTo("customer_not_found");
  }

  @Test
  void stepsAreRecordedOncePerSequenceNumberAndShownInOrder() {
    long id = journeys.createFromTemplate("abandoned-cart", "ann");
    journeys.publish(id, "ann");
    runs.admit(
        "run-1", "wf-1", id, 1, JourneyDefinition.ReEntry.NEVER, customer, "wait-for-order", NOW);
    runs.recordStep(
        "run-1", 1, "wait-for-order", "wait_for_event", "timed_out", null, "cart-email", NOW);
    runs.recordStep(
        "run-1", 1, "wait-for-order", "wait_for_event", "timed_out", null, "cart-email", NOW);
    runs.recordStep(
        "run-1", 2, "cart-email", "send", "suppressed:no_email_consent", null, "wait-a-day", NOW);

    List<JourneyRuns.RunView> views = runs.runsOf(customer);

    assertThat(views)
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.journeyName()).isEqualTo("Abandoned cart");
              assertThat(run.currentStep()).isEqualTo("wait-a-day");
              assertThat(run.steps())
                  .extracting(JourneyRuns.StepTaken::outcome)
                  .containsExactly("timed_out", "suppressed:no_email_consent");
            });
    assertThat(runs.activeWorkflowIds(customer)).containsExactly("wf-1");
  }
}
