package com.oxidly.activities.journey;

import com.oxidly.domain.customer.CustomerProfiles;
import com.oxidly.domain.customer.CustomerRepository;
import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyProgram;
import com.oxidly.domain.journey.JourneyRuns;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.journey.JourneyTemplates;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.workflows.journey.JourneyActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Journey side effects on PostgreSQL and webhooks; every one safe to repeat. */
@Component("journeyActivities")
class JourneyActivitiesImpl implements JourneyActivities {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  private final Journeys journeys;
  private final JourneyRuns runs;
  private final PostgresCustomerQueries queries;
  private final CustomerProfiles profiles;
  private final CustomerRepository customers;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT).build();

  JourneyActivitiesImpl(
      Journeys journeys,
      JourneyRuns runs,
      PostgresCustomerQueries queries,
      CustomerProfiles profiles,
      CustomerRepository customers) {
    this.journeys = journeys;
    this.runs = runs;
    this.queries = queries;
    this.profiles = profiles;
    this.customers = customers;
    // The journey workflow parses definitions with this mapper; its first use is slow (class
    // loading), and inside a workflow thread that can trip Temporal's deadlock detector.
    JourneyTemplates.keys().forEach(JourneyTemplates::template);
  }

  @Override
  public String loadDefinition(long journeyId, int version) {
    return journeys.versionJson(journeyId, version);
  }

  @Override
  public Admission admit(AdmitRequest request) {
    JourneyDefinition definition = journeys.version(request.journeyId(), request.version());
    JourneyRuns.Admission admission =
        runs.admit(
            request.runKey(),
            request.workflowId(),
            request.journeyId(),
            request.version(),
            definition.reEntry(),
            UUID.fromString(request.customerUuid()),
            request.firstStep(),
            request.at());
    return new Admission(
        admission.admitted(), admission.entry(), admission.refusal(), admission.timeZone());
  }

  @Override
  public boolean meetsBranchCondition(
      long journeyId, int version, String stepId, String customerUuid) {
    JourneyStep step = JourneyProgram.of(journeys.version(journeyId, version)).node(stepId).step();
    if (!(step instanceof JourneyStep.Branch branch)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "step " + stepId + " of journey " + journeyId + " v" + version + " is not a branch",
          "NotABranch");
    }
    return queries.matches(branch.condition(), UUID.fromString(customerUuid));
  }

  @Override
  public void recordStep(StepRecord record) {
    runs.recordStep(
        record.runKey(),
        record.seq(),
        record.stepId(),
        record.stepType(),
        record.outcome(),
        record.detail(),
        record.nextStep(),
        record.at());
  }

  @Override
  public void updateProfile(
      String customerUuid,
      List<String> addTags,
      List<String> removeTags,
      Map<String, String> attributes) {
    profiles.adjustTags(UUID.fromString(customerUuid), addTags, removeTags, attributes);
  }

  @Override
  public int callWebhook(
      long journeyId, int version, String stepId, String customerUuid, String idempotencyKey) {
    JourneyStep step = JourneyProgram.of(journeys.version(journeyId, version)).node(stepId).step();
    if (!(step instanceof JourneyStep.Webhook webhook)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "step " + stepId + " is not a webhook", "NotAWebhook");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("journey_id", journeyId);
    body.put("version", version);
    body.put("step", stepId);
    customers
        .findById(UUID.fromString(customerUuid))
        .ifPresent(
            customer ->
                body.put(
                    "customer",
                    Map.of(
                        "uuid", customerUuid,
                        "email", customer.email(),
                        "first_name", customer.firstName())));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .timeout(WEBHOOK_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    webhook.headers().forEach(request::header);
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 500 || status == 429) {
        // The receiver may recover: Temporal retries with back-off, same idempotency key.
        throw new IllegalStateException("webhook " + webhook.url() + " answered HTTP " + status);
      }
      return status;
    } catch (IOException e) {
      throw new IllegalStateException("webhook " + webhook.url() + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + webhook.url(), e);
    }
  }

  @Override
  public void recordConversion(
      String runKey,
      String goal,
      String eventKey,
      BigDecimal revenue,
      String splitPath,
      Instant at) {
    runs.recordConversion(runKey, goal, eventKey, revenue, splitPath, at);
  }

  @Override
  public void finish(String runKey, boolean completed, String reason, Instant at) {
    runs.finish(runKey, completed, reason, at);
  }
}
