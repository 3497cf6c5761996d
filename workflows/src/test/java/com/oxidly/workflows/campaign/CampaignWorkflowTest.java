package com.oxidly.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaign runs over days of workflow time in seconds (time skipping, in-memory activities). */
class CampaignWorkflowTest {

  private TestWorkflowEnvironment environment;
  private WorkflowClient client;
  private final CampaignFakes.Campaigns campaigns = new CampaignFakes.Campaigns();
  private final CampaignFakes.Delivery delivery = new CampaignFakes.Delivery();

  @BeforeEach
  void startWorker() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(TaskQueues.CAMPAIGNS);
    worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class);
    worker.registerActivitiesImplementations(campaigns, delivery);
    environment.start();
    client = environment.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  @Test
  void aCampaignScheduledInThreeDaysSendsNothingBeforeAndEverythingAtItsStart() {
    Instant start = now().plus(Duration.ofDays(3));
    campaigns.startingAt(start).members(1, 5, "UTC");
    CampaignWorkflow run = start(CampaignInput.start(1));

    environment.sleep(Duration.ofDays(3).minusMinutes(1));
    assertThat(delivery.requests).isEmpty();
    assertThat(campaigns.freezes).isEmpty();
    assertThat(run.progress().phase()).isEqualTo("waiting_for_start");
    assertThat(run.progress().nextSendAt()).isEqualTo(start);

    awaitEnd();
    assertThat(campaigns.freezes).singleElement().satisfies(at -> assertAt(at, start));
    assertThat(delivery.keys())
        .containsExactly(
            "campaign:1:" + CampaignFakes.uuid(1),
            "campaign:1:" + CampaignFakes.uuid(2),
            "campaign:1:" + CampaignFakes.uuid(3),
            "campaign:1:" + CampaignFakes.uuid(4),
            "campaign:1:" + CampaignFakes.uuid(5));
    assertThat(delivery.requests)
        .allSatisfy(
            request -> {
              assertAt(request.decidedAt(), start);
              assertThat(request.source()).isEqualTo("campaign:1");
              assertThat(request.variables()).containsEntry("campaign_name", "Winter sale");
            });
    assertThat(campaigns.finishes).singleElement().extracting("cancelled").isEqualTo(false);
    assertThat(run.progress().sent()).isEqualTo(5);
    assertThat(run.progress().phase()).isEqualTo("completed");
  }

  @Test
  void theThrottleSpacesBatchesByTheirShareOfAMinute() {
    Instant start = now().plus(Duration.ofMinutes(1));
    campaigns.startingAt(start).throttle(10).members(1, 35, "UTC");
    start(CampaignInput.start(1));
    awaitEnd();

    assertThat(delivery.batches).extracting(List::size).containsExactly(10, 10, 10, 5);
    List<Instant> batchTimes =
        delivery.batches.stream().map(batch -> batch.getFirst().decidedAt()).toList();
    for (int i = 0; i < batchTimes.size(); i++) {
      assertAt(batchTimes.get(i), start.plus(Duration.ofMinutes(i)));
    }
    assertThat(delivery.keys()).doesNotHaveDuplicates().hasSize(35);
  }

  @Test
  void aPausedCampaignHoldsItsSendsUntilResumed() {
    Instant start = now().plus(Duration.ofMinutes(1));
    campaigns.startingAt(start).throttle(10).members(1, 30, "UTC");
    CampaignWorkflow run = start(CampaignInput.start(1));
    environment.sleep(Duration.ofSeconds(90));
    assertThat(delivery.requests).hasSize(10);

    run.pause();
    environment.sleep(Duration.ofHours(6));
    assertThat(delivery.requests).hasSize(10);
    assertThat(run.progress().phase()).isEqualTo("paused");
    assertThat(run.progress().holdReason()).isEqualTo("signal");

    Instant resumedAt = now();
    run.resume();
    awaitEnd();
    assertThat(delivery.requests).hasSize(30);
    assertAt(delivery.batches.get(1).getFirst().decidedAt(), resumedAt);
    assertAt(delivery.batches.get(2).getFirst().decidedAt(), resumedAt.plus(Duration.ofMinutes(1)));
  }

  @Test
  void aPauseBeforeTheStartHoldsTheStartToo() {
    Instant start = now().plus(Duration.ofHours(1));
    campaigns.startingAt(start).members(1, 3, "UTC");
    CampaignWorkflow run = start(CampaignInput.start(1));
    run.pause();
    environment.sleep(Duration.ofHours(2));
    assertThat(campaigns.freezes).isEmpty();
    assertThat(delivery.requests).isEmpty();
    run.resume();
    awaitEnd();
    assertThat(delivery.requests).hasSize(3);
  }

  @Test
  void aCancelledCampaignSendsNoMoreAndEndsCancelled() {
    Instant start = now().plus(Duration.ofMinutes(1));
    campaigns.startingAt(start).throttle(10).members(1, 50, "UTC");
    CampaignWorkflow run = start(CampaignInput.start(1));
    environment.sleep(Duration.ofSeconds(150));
    assertThat(delivery.requests).hasSize(20);

    run.cancel();
    awaitEnd();
    assertThat(delivery.requests).hasSize(20);
    assertThat(campaigns.finishes).singleElement().extracting("cancelled").isEqualTo(true);
    assertThat(run.progress().phase()).isEqualTo("cancelled");
  }

  @Test
  void aLocalTimeScheduleSendsEachTimeZoneAtItsOwnNineOClock() {
    LocalDate date = ZonedDateTime.ofInstant(now(), ZoneId.of("UTC")).toLocalDate().plusDays(2);
    LocalTime nine = LocalTime.of(9, 0);
    campaigns
        .atLocalTime(date, nine)
        .members(1, 3, "Asia/Tokyo")
        .members(4, 6, "America/New_York")
        .members(7, 9, "Europe/Paris")
        .members(10, 10, "Europe/Berlin");
    start(CampaignInput.start(1));
    awaitEnd();

    assertThat(delivery.requests).hasSize(10);
    for (DeliveryRequest request : delivery.requests) {
      int customer = Integer.parseInt(request.customerUuid().substring(24));
      String zone =
          customer <= 3
              ? "Asia/Tokyo"
              : customer <= 6
                  ? "America/New_York"
                  : customer <= 9 ? "Europe/Paris" : "Europe/Berlin";
      assertAt(request.decidedAt(), ZonedDateTime.of(date, nine, ZoneId.of(zone)).toInstant());
    }
    // Paris and Berlin share an instant, so they go as one group, in one batch.
    assertThat(delivery.batches).extracting(List::size).containsExactly(3, 4, 3);
  }

  @Test
  void deferredSendsAreRetriedAtTheirRetryTimeWithTheSameKey() {
    Instant start = now().plus(Duration.ofMinutes(1));
    Instant morning = start.plus(Duration.ofHours(10));
    campaigns.startingAt(start).members(1, 4, "UTC");
    String sleeper = CampaignFakes.uuid(2);
    delivery.answer =
        request ->
            request.customerUuid().equals(sleeper) && request.decidedAt().isBefore(morning)
                ? new DeliveryOutcome(
                    request.sendKey(), DeliveryOutcome.Status.DEFERRED, "quiet_hours", morning)
                : CampaignFakes.Delivery.sent(request);
    CampaignWorkflow run = start(CampaignInput.start(1));
    environment.sleep(Duration.ofHours(1));
    assertThat(run.progress().deferred()).isEqualTo(1);
    assertThat(run.progress().sent()).isEqualTo(3);
    assertThat(run.progress().phase()).isEqualTo("waiting_for_deferred");
    assertThat(campaigns.finishes).isEmpty();

    awaitEnd();
    List<DeliveryRequest> asked =
        delivery.requests.stream().filter(r -> r.customerUuid().equals(sleeper)).toList();
    assertThat(asked).extracting(DeliveryRequest::sendKey).containsOnly("campaign:1:" + sleeper);
    assertThat(asked).hasSize(2);
    assertAt(asked.get(1).decidedAt(), morning);
    assertThat(run.progress().sent()).isEqualTo(4);
    assertThat(run.progress().deferred()).isZero();
  }

  @Test
  void aCustomerDeferredAgainAndAgainIsGivenUpAndCounted() {
    campaigns.startingAt(now()).members(1, 2, "UTC");
    delivery.answer =
        request ->
            request.customerUuid().equals(CampaignFakes.uuid(1))
                ? new DeliveryOutcome(
                    request.sendKey(),
                    DeliveryOutcome.Status.DEFERRED,
                    "quiet_hours",
                    request.decidedAt().plus(Duration.ofHours(8)))
                : CampaignFakes.Delivery.sent(request);
    CampaignWorkflow run = start(CampaignInput.start(1));
    awaitEnd();
    assertThat(delivery.requests).hasSize(1 + CampaignWorkflowImpl.MOST_DEFERRALS);
    assertThat(run.progress().suppressed()).containsEntry("deferred_too_often", 1L);
    assertThat(run.progress().sent()).isEqualTo(1);
  }

  @Test
  void continuingAsNewKeepsTheCountsAndTheCursor() {
    campaigns.startingAt(now()).throttle(5).members(1, 23, "UTC");
    delivery.answer =
        request ->
            Integer.parseInt(request.customerUuid().substring(24)) % 4 == 0
                ? new DeliveryOutcome(
                    request.sendKey(), DeliveryOutcome.Status.SUPPRESSED, "no_email_consent", null)
                : CampaignFakes.Delivery.sent(request);
    CampaignWorkflow run = start(new CampaignInput(1, 2, null));
    awaitEnd();

    assertThat(campaigns.plans.get()).as("runs").isGreaterThanOrEqualTo(3);
    assertThat(campaigns.freezes).hasSize(1);
    assertThat(delivery.keys()).doesNotHaveDuplicates().hasSize(23);
    CampaignProgress progress = run.progress();
    assertThat(progress.queued()).isEqualTo(23);
    assertThat(progress.sent()).isEqualTo(18);
    assertThat(progress.suppressed()).containsExactly(Map.entry("no_email_consent", 5L));
    assertThat(progress.batches()).isEqualTo(5);
  }

  private CampaignWorkflow start(CampaignInput input) {
    CampaignWorkflow run =
        client.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.campaign(input.campaignId()))
                .setTaskQueue(TaskQueues.CAMPAIGNS)
                .build());
    WorkflowClient.start(run::run, input);
    return run;
  }

  private void awaitEnd() {
    client.newUntypedWorkflowStub(WorkflowIds.campaign(1)).getResult(Void.class);
  }

  private Instant now() {
    return Instant.ofEpochMilli(environment.currentTimeMillis());
  }

  /** Workflow time is exact at a timer; a few seconds allow for activities running in between. */
  private static void assertAt(Instant actual, Instant expected) {
    assertThat(actual).isBetween(expected, expected.plusSeconds(3));
  }
}
