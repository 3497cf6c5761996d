package com.oxidly.workflows.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.journey.JourneyEvent;
import com.oxidly.domain.journey.JourneyJson;
import com.oxidly.domain.journey.JourneyTemplates;
import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every step type and both shipped journeys, weeks of journey time in seconds (time skipping). */
class JourneyWorkflowTest {

  static final String CUSTOMER = "00000000-0000-0000-0000-000000000042";

  private TestWorkflowEnvironment environment;
  private WorkflowClient client;
  private final JourneyFakes.Journeys journeys = new JourneyFakes.Journeys();
  private final JourneyFakes.Delivery delivery = new JourneyFakes.Delivery();
  private final AtomicLong eventIds = new AtomicLong();

  @BeforeEach
  void startWorker() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(TaskQueues.CAMPAIGNS);
    worker.registerWorkflowImplementationTypes(JourneyWorkflowImpl.class);
    worker.registerActivitiesImplementations(journeys, delivery);
    environment.start();
    client = environment.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  @Test
  void abandonedCartEmailsAnHourLaterThenTextsTheOptedInAndCountsTheRecoveredOrder() {
    journeys.define(1, JourneyTemplates.template("abandoned-cart"));
    journeys.branchAnswers.put("sms-opted-in", true);
    Instant start = now();
    WorkflowStub run = enter(1, event("cart_updated", Map.of("cart_id", "c-1")));

    environment.sleep(Duration.ofMinutes(59));
    assertThat(delivery.requests).isEmpty();
    environment.sleep(Duration.ofMinutes(2));
    assertThat(delivery.steps()).containsExactly("cart-email");
    DeliveryRequest email = delivery.requests.getFirst();
    assertThat(Duration.between(start, email.decidedAt()))
        .isBetween(Duration.ofHours(1), Duration.ofHours(1).plusSeconds(5));
    assertThat(email.variables()).containsEntry("cart_id", "c-1");
    assertThat(email.sendKey()).startsWith("journey:1:v1:cart-email:" + CUSTOMER + ":1.");

    environment.sleep(Duration.ofDays(1));
    assertThat(delivery.steps()).containsExactly("cart-email", "cart-sms");
    run.signal(JourneyWorkflow.EVENT_SIGNAL, event("order_placed", Map.of("cart_id", "c-9")));
    environment.sleep(Duration.ofHours(2));
    assertThat(journeys.conversions).isEmpty();
    run.signal(
        JourneyWorkflow.EVENT_SIGNAL,
        event("order_placed", Map.of("cart_id", "c-1", "total", "84.50")));
    run.getResult(Void.class);

    assertThat(journeys.conversions)
        .singleElement()
        .extracting(JourneyFakes.Conversion::revenue)
        .isEqualTo(new BigDecimal("84.50"));
    assertThat(journeys.finishes)
        .singleElement()
        .satisfies(
            finish -> {
              assertThat(finish.completed()).isFalse();
              assertThat(finish.reason()).isEqualTo("exit_event:order_placed");
              assertThat(finish.runKey()).isEqualTo(journeys.conversions.getFirst().runKey());
            });
  }

  @Test
  void anOrderForTheSameCartWithinTheHourSendsNothingButOneForAnotherCartDoesNotCount() {
    journeys.define(1, JourneyTemplates.template("abandoned-cart"));
    WorkflowStub run = enter(1, event("cart_updated", Map.of("cart_id", "c-1")));
    environment.sleep(Duration.ofMinutes(10));
    run.signal(JourneyWorkflow.EVENT_SIGNAL, event("order_placed", Map.of("cart_id", "c-2")));
    environment.sleep(Duration.ofMinutes(10));
    run.signal(JourneyWorkflow.EVENT_SIGNAL, event("order_placed", Map.of("cart_id", "c-1")));
    run.getResult(Void.class);

    assertThat(delivery.requests).isEmpty();
    assertThat(journeys.finishes.getFirst().reason()).isEqualTo("exit_event:order_placed");
  }

  @Test
  void anExitEventEndsTheRunAtOnceInTheMiddleOfAWait() {
    journeys.define(1, JourneyTemplates.template("abandoned-cart"));
    journeys.branchAnswers.put("sms-opted-in", true);
    WorkflowStub run = enter(1, event("cart_updated", Map.of("cart_id", "c-1")));
    environment.sleep(Duration.ofHours(3));
    Instant orderedAt = now();
    run.signal(JourneyWorkflow.EVENT_SIGNAL, event("order_placed", Map.of("cart_id", "c-1")));
    run.getResult(Void.class);

    assertThat(delivery.steps()).containsExactly("cart-email");
    assertThat(Duration.between(orderedAt, journeys.finishes.getFirst().at()))
        .isLessThan(Duration.ofMinutes(1));
    assertThat(journeys.outcomes()).contains("wait-a-day=interrupted");
  }

  @Test
  void welcomeSeriesSendsTipsOnlyToThoseWhoHaveNotOrdered() {
    journeys.define(2, JourneyTemplates.template("welcome-series"));
    enter(2, event("signed_up", Map.of())).getResult(Void.class);
    assertThat(delivery.steps()).containsExactly("welcome-email", "tips-email");
    assertThat(journeys.outcomes()).contains("ordered-yet=otherwise", "first-order=not_converted");

    delivery.requests.clear();
    journeys.branchAnswers.put("ordered-yet", true);
    String other = "00000000-0000-0000-0000-000000000043";
    enter(2, other, event("signed_up", Map.of())).getResult(Void.class);
    assertThat(delivery.steps()).containsExactly("welcome-email");
  }

  @Test
  void quietHoursDeferTheSameMessageUntilMorningAndItIsSentOnce() {
    journeys.define(2, JourneyTemplates.template("welcome-series"));
    journeys.branchAnswers.put("ordered-yet", true);
    Instant morning = now().plus(Duration.ofHours(9));
    delivery.answer =
        request ->
            request.decidedAt().isBefore(morning)
                ? new DeliveryOutcome(
                    request.sendKey(), DeliveryOutcome.Status.DEFERRED, "quiet_hours", morning)
                : new DeliveryOutcome(request.sendKey(), DeliveryOutcome.Status.SENT, null, null);

    enter(2, event("signed_up", Map.of())).getResult(Void.class);

    assertThat(delivery.requests).hasSize(2);
    assertThat(delivery.requests.get(0).sendKey()).isEqualTo(delivery.requests.get(1).sendKey());
    assertThat(delivery.requests.get(1).decidedAt()).isBetween(morning, morning.plusSeconds(5));
    assertThat(journeys.outcomes()).contains("welcome-email=sent");
  }

  @Test
  void suppressedMessagesAreRecordedWithTheirReasonAndTheJourneyGoesOn() {
    journeys.define(2, JourneyTemplates.template("welcome-series"));
    delivery.answer =
        request ->
            new DeliveryOutcome(
                request.sendKey(), DeliveryOutcome.Status.SUPPRESSED, "no_email_consent", null);

    enter(2, event("signed_up", Map.of())).getResult(Void.class);

    assertThat(journeys.outcomes())
        .contains(
            "welcome-email=suppressed:no_email_consent", "tips-email=suppressed:no_email_consent");
  }

  @Test
  void waitsUntilATimeOfDayInTheCustomersZoneAndUntilADate() {
    Instant start = now();
    Instant date = start.plus(Duration.ofDays(10));
    journeys.define(
        3,
        JourneyJson.parse(
            """
            {"name": "Timed", "trigger": {"type": "manual"},
             "steps": [
               {"type": "wait", "id": "nine", "untilLocalTime": "09:00"},
               {"type": "send", "id": "morning-push", "channel": "push",
                "template": {"subject": "Morning", "text": "Hello"}},
               {"type": "wait", "id": "sale-day", "untilDate": "%s"},
               {"type": "send", "id": "sale-push", "channel": "push",
                "template": {"subject": "Sale", "text": "Today"}}]}\
            """
                .formatted(date)));

    enter(3, event("journey_enrolled", Map.of("journey_id", "3"))).getResult(Void.class);

    ZonedDateTime first =
        delivery.requests.get(0).decidedAt().atZone(ZoneId.of("America/New_York"));
    assertThat(first.getHour()).isEqualTo(9);
    assertThat(first.getMinute()).isZero();
    assertThat(Duration.between(start, first.toInstant())).isLessThanOrEqualTo(Duration.ofDays(1));
    assertThat(delivery.requests.get(1).decidedAt()).isBetween(date, date.plusSeconds(5));
  }

  @Test
  void aBoundedLoopSendsOncePerPassWithKeysOfTheirOwn() {
    journeys.define(
        4,
        JourneyJson.parse(
            """
            {"name": "Nudges", "trigger": {"type": "manual"},
             "steps": [
               {"type": "loop", "id": "nudge", "times": 3, "steps": [
                 {"type": "wait", "id": "pause", "duration": "P1D"},
                 {"type": "send", "id": "note", "channel": "sms", "template": {"text": "Hi"}}]},
               {"type": "update_profile", "id": "tag", "addTags": ["nudged"]},
               {"type": "webhook", "id": "tell-crm", "url": "https://crm.example.com/hook"},
               {"type": "exit", "id": "done"},
               {"type": "send", "id": "never", "channel": "sms", "template": {"text": "unreachable"}}]}\
            """));

    enter(4, event("journey_enrolled", Map.of("journey_id", "4"))).getResult(Void.class);

    assertThat(delivery.steps()).containsExactly("note", "note", "note");
    assertThat(delivery.requests.stream().map(DeliveryRequest::sendKey).distinct()).hasSize(3);
    assertThat(journeys.tagsAdded).containsExactly(java.util.List.of("nudged"));
    assertThat(journeys.outcomes()).contains("nudge=done", "tell-crm=called", "done=exit");
    assertThat(journeys.finishes.getFirst().completed()).isTrue();
  }

  @Test
  void aLongLoopContinuesAsNewAndKeepsEveryKeyAndCounter() {
    journeys.define(
        6,
        JourneyJson.parse(
            """
            {"name": "Daily tips", "trigger": {"type": "manual"},
             "steps": [
               {"type": "loop", "id": "days", "times": 100, "steps": [
                 {"type": "wait", "id": "night", "duration": "P1D"},
                 {"type": "update_profile", "id": "mark", "addTags": ["tipped"]},
                 {"type": "send", "id": "tip", "channel": "email",
                  "template": {"subject": "Tip", "text": "A tip"}}]}]}\
            """));

    WorkflowStub run = enter(6, event("journey_enrolled", Map.of("journey_id", "6")));
    run.getResult(Void.class);

    assertThat(delivery.requests).hasSize(100);
    assertThat(delivery.requests.stream().map(DeliveryRequest::sendKey).distinct()).hasSize(100);
    assertThat(journeys.finishes)
        .singleElement()
        .satisfies(f -> assertThat(f.completed()).isTrue());
    var latest = client.fetchHistory("journey:6:v1:" + CUSTOMER).getHistory();
    assertThat(
            latest
                .getEvents(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId())
        .as("the last run continued an earlier one")
        .isNotEmpty();
    assertThat(latest.getEventsCount())
        .isLessThan(JourneyWorkflowImpl.CONTINUE_AS_NEW_AFTER_EVENTS);
  }

  @Test
  void splitsSendCustomersDownPathsByPercentageAndHoldoutsOnlyWatchTheGoal() {
    journeys.define(5, JourneyTemplates.template("win-back"));
    int holdouts = 0;
    for (int i = 0; i < 40; i++) {
      String customer = "00000000-0000-0000-0000-0000000001%02d".formatted(i);
      WorkflowStub run = enter(5, customer, event("segment_entered", Map.of("segment", "at_risk")));
      run.signal(JourneyWorkflow.EVENT_SIGNAL, event("order_placed", Map.of("total", "10")));
      run.getResult(Void.class);
    }
    for (JourneyFakes.Conversion conversion : journeys.conversions) {
      if (conversion.splitPath().equals("holdout-split:holdout")) {
        holdouts++;
      }
    }
    assertThat(journeys.conversions).hasSize(40);
    assertThat(holdouts).isBetween(1, 12);
    assertThat(delivery.steps().stream().filter("miss-you"::equals)).hasSize(40 - holdouts);
  }

  @Test
  void aCustomerWhoMayNotReEnterLeavesNoTrace() {
    journeys.define(2, JourneyTemplates.template("welcome-series"));
    journeys.refuseCustomers.add(CUSTOMER);

    enter(2, event("signed_up", Map.of())).getResult(Void.class);

    assertThat(delivery.requests).isEmpty();
    assertThat(journeys.steps).isEmpty();
  }

  @Test
  void anEventHandedTwiceIsTakenOnce() {
    journeys.define(1, JourneyTemplates.template("abandoned-cart"));
    WorkflowStub run = enter(1, event("cart_updated", Map.of("cart_id", "c-1")));
    JourneyEvent order = event("order_placed", Map.of("cart_id", "c-1", "total", "5"));
    environment.sleep(Duration.ofHours(2));
    run.signal(JourneyWorkflow.EVENT_SIGNAL, order);
    run.signal(JourneyWorkflow.EVENT_SIGNAL, order);
    run.getResult(Void.class);
    assertThat(journeys.finishes).hasSize(1);
  }

  private WorkflowStub enter(long journeyId, JourneyEvent trigger) {
    return enter(journeyId, CUSTOMER, trigger);
  }

  private WorkflowStub enter(long journeyId, String customer, JourneyEvent trigger) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "JourneyWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId("journey:" + journeyId + ":v1:" + customer)
                .setTaskQueue(TaskQueues.CAMPAIGNS)
                .build());
    stub.signalWithStart(
        JourneyWorkflow.EVENT_SIGNAL,
        new Object[] {trigger},
        new Object[] {JourneyInput.entry(journeyId, 1, customer)});
    return stub;
  }

  private JourneyEvent event(String type, Map<String, String> properties) {
    long id = eventIds.incrementAndGet();
    return new JourneyEvent(id, "event-" + id, type, now(), properties);
  }

  private Instant now() {
    return Instant.ofEpochMilli(environment.currentTimeMillis());
  }
}
