package com.oxidly.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.segment.SegmentsTestAccess;
import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Campaign definitions, frozen audiences, deferrals and statistics on a real PostgreSQL. */
class CampaignRunsTest {

  static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String CITY = "Campaignton";

  static TestDatabase database;
  static JdbcTemplate jdbc;
  static Campaigns campaigns;
  static CampaignRuns runs;

  @BeforeAll
  static void create() {
    database = TestDatabase.create("oxidly_campaigns_test");
    jdbc = database.jdbc();
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    var segments = SegmentsTestAccess.segments(jdbc, transactions, CLOCK);
    runs =
        new CampaignRuns(
            jdbc,
            database.namedJdbc(),
            new PostgresCustomerQueries(
                database.namedJdbc(), CLOCK, new StoreTimeZone(ZoneOffset.UTC)),
            segments);
    campaigns = new Campaigns(jdbc, CLOCK, segments, runs);
  }

  @AfterAll
  static void drop() {
    database.drop();
  }

  @BeforeEach
  void emptyStore() {
    jdbc.update("delete from campaigns");
    jdbc.update("delete from customers");
  }

  @Test
  void schedulingNamesEveryProblemAndLeavesTheDraftADraft() {
    long id =
        campaigns.create(
            new CampaignDefinition(
                "Broken",
                Channel.EMAIL,
                MessageClass.MARKETING,
                MessageTemplate.email("{{ customer.first_name | shout }}", null, null),
                new CampaignDefinition.Audience(null, inCity()),
                new CampaignDefinition.Schedule(NOW.minus(Duration.ofDays(1)), null, null),
                60),
            "ada");

    assertThatThrownBy(() -> campaigns.schedule(id, "ada"))
        .isInstanceOfSatisfying(
            InvalidCampaignException.class,
            e -> {
              assertThat(e.whenScheduling()).isTrue();
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .containsExactly("template", "template", "audience", "schedule.startAt");
              assertThat(e.getMessage()).contains("shout", "matches no customers", "in the past");
            });
    assertThat(campaigns.get(id).status()).isEqualTo("draft");
  }

  @Test
  void theAudienceIsFrozenOnceWithTimeZonesAndPagedInCustomerOrder() {
    UUID a = customer("Asia/Tokyo");
    UUID b = customer("Europe/Paris");
    UUID c = customer("Europe/Berlin");
    customer("UTC", "Elsewhere");
    long id = scheduled(localSchedule());

    assertThat(runs.freezeAudience(id, NOW)).isEqualTo(3);
    UUID late = customer("Asia/Tokyo");
    assertThat(runs.freezeAudience(id, NOW.plusSeconds(60))).as("second call").isEqualTo(3);
    Campaign running = campaigns.get(id);
    assertThat(running.status()).isEqualTo("running");
    assertThat(running.startedAt()).isEqualTo(NOW);

    // PostgreSQL orders uuids by their bytes, as their text sorts (UUID.compareTo is signed).
    List<UUID> everyone = Stream.of(a, b, c).sorted(Comparator.comparing(UUID::toString)).toList();
    assertThat(runs.page(id, null, null, 2))
        .extracting(CampaignRuns.Member::customerUuid)
        .containsExactlyElementsOf(everyone.subList(0, 2));
    assertThat(runs.page(id, null, everyone.get(1), 2))
        .extracting(CampaignRuns.Member::customerUuid)
        .containsExactly(everyone.get(2));
    assertThat(runs.page(id, List.of("Asia/Tokyo"), null, 10))
        .extracting(CampaignRuns.Member::customerUuid)
        .containsExactly(a)
        .doesNotContain(late);

    LocalDate date = LocalDate.of(2026, 12, 1);
    assertThat(runs.waves(id))
        .containsExactly(
            new CampaignRuns.Wave(
                ZonedDateTime.of(date, LocalTime.of(9, 0), ZoneId.of("Asia/Tokyo")).toInstant(),
                List.of("Asia/Tokyo")),
            new CampaignRuns.Wave(
                ZonedDateTime.of(date, LocalTime.of(9, 0), ZoneId.of("Europe/Paris")).toInstant(),
                List.of("Europe/Berlin", "Europe/Paris")));
  }

  @Test
  void deferralsWaitUntilTheirRetryAndAreCountedOncePerRetryTime() {
    UUID sleeper = customer("America/New_York");
    UUID other = customer("UTC");
    long id = scheduled(new CampaignDefinition.Schedule(NOW.plusSeconds(60), null, null));
    runs.freezeAudience(id, NOW);
    Instant morning = NOW.plus(Duration.ofHours(8));

    List<CampaignRuns.Outcome> batch =
        List.of(
            new CampaignRuns.Outcome(sleeper, "deferred", morning),
            new CampaignRuns.Outcome(other, "sent", null));
    assertThat(runs.record(id, batch, NOW, 2)).isEqualTo(new CampaignRuns.Deferrals(1, morning, 0));
    assertThat(runs.record(id, batch, NOW, 2))
        .as("a retried activity")
        .isEqualTo(new CampaignRuns.Deferrals(1, morning, 0));
    assertThat(runs.dueDeferrals(id, morning.minusSeconds(1), 10)).isEmpty();
    assertThat(runs.dueDeferrals(id, morning, 10))
        .extracting(CampaignRuns.Member::customerUuid)
        .containsExactly(sleeper);
    assertThat(campaigns.get(id).stats().deferred()).isEqualTo(1);

    Instant nextMorning = morning.plus(Duration.ofDays(1));
    assertThat(
            runs.record(
                id,
                List.of(new CampaignRuns.Outcome(sleeper, "deferred", nextMorning)),
                morning,
                2))
        .as("deferred a second time: given up")
        .isEqualTo(new CampaignRuns.Deferrals(0, null, 1));
    assertThat(campaigns.get(id).stats().suppressed())
        .containsEntry(CampaignRuns.DEFERRED_TOO_OFTEN, 1);
  }

  @Test
  void statisticsComeFromTheDeliveryLogAndACancelledRunStaysCancelled() {
    UUID sent = customer("UTC");
    UUID noConsent = customer("UTC");
    UUID banned = customer("UTC");
    long id = scheduled(new CampaignDefinition.Schedule(NOW.plusSeconds(60), null, null));
    runs.freezeAudience(id, NOW);
    delivery(id, sent, "sent", null);
    delivery(id, noConsent, "suppressed", "no_email_consent");
    delivery(id, banned, "suppressed", "banned");

    runs.record(id, List.of(), NOW, 5);
    Campaign.Stats stats = campaigns.get(id).stats();
    assertThat(stats.queued()).isEqualTo(3);
    assertThat(stats.sent()).isEqualTo(1);
    assertThat(stats.suppressed()).isEqualTo(Map.of("no_email_consent", 1, "banned", 1));

    assertThat(campaigns.markCancelled(id)).as("a run to signal").isTrue();
    runs.finish(id, false, NOW.plusSeconds(120));
    assertThat(campaigns.get(id).status()).isEqualTo("cancelled");
    assertThatThrownBy(() -> campaigns.markResumed(id))
        .isInstanceOf(CampaignStateException.class)
        .hasMessageContaining("cancelled");
  }

  @Test
  void onlyDraftsCanBeEditedAndPauseResumeFollowTheRun() {
    customer("UTC");
    long id = scheduled(new CampaignDefinition.Schedule(NOW.plusSeconds(60), null, null));
    assertThatThrownBy(() -> campaigns.update(id, definition(null), "ada"))
        .isInstanceOf(CampaignStateException.class);
    campaigns.markPaused(id);
    campaigns.markResumed(id);
    assertThat(campaigns.get(id).status()).as("not started yet").isEqualTo("scheduled");
    runs.freezeAudience(id, NOW);
    campaigns.markPaused(id);
    campaigns.markResumed(id);
    assertThat(campaigns.get(id).status()).isEqualTo("running");
  }

  private long scheduled(CampaignDefinition.Schedule schedule) {
    long id = campaigns.create(definition(schedule), "ada");
    campaigns.schedule(id, "ada");
    return id;
  }

  private static CampaignDefinition definition(CampaignDefinition.Schedule schedule) {
    return new CampaignDefinition(
        "Winter sale",
        Channel.EMAIL,
        MessageClass.MARKETING,
        MessageTemplate.email("Hi {{ customer.first_name }}", "<p>Sale</p>", null),
        new CampaignDefinition.Audience(null, inCity()),
        schedule,
        600);
  }

  private static CampaignDefinition.Schedule localSchedule() {
    return new CampaignDefinition.Schedule(null, LocalDate.of(2026, 12, 1), LocalTime.of(9, 0));
  }

  private static CustomerQuery inCity() {
    return new CustomerQuery.Field(CustomerField.CITY, Comparison.of(Op.EQ, CITY));
  }

  private static UUID customer(String timeZone) {
    return customer(timeZone, CITY);
  }

  private static UUID customer(String timeZone, String city) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, city, time_zone, signup_date)"
            + " values (?, ?, 'T', ?, ?, '2024-01-01T00:00:00Z')",
        id,
        id + "@example.com",
        city,
        timeZone);
    return id;
  }

  private static void delivery(long campaign, UUID customer, String status, String reason) {
    jdbc.update(
        """
        insert into deliveries (send_key, source, step_id, customer_uuid, channel, message_class,
                                status, reason, decided_at)
        values (?, ?, 'broadcast', ?, 'email', 'marketing', ?, ?, now())\
        """,
        CampaignRuns.sendKey(campaign, customer),
        CampaignRuns.source(campaign),
        customer,
        status,
        reason);
  }
}
