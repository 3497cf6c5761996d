package com.oxidly.workflows.journey;

import io.temporal.activity.ActivityInterface;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The side effects of journey runs. Every method is idempotent: records are keyed by the run key
 * and step counter, profile updates are set operations and webhooks carry an idempotency key.
 */
@ActivityInterface(namePrefix = "Journey")
public interface JourneyActivities {

  /** The published version's definition as JSON (versions are immutable). */
  String loadDefinition(long journeyId, int version);

  /** Applies the re-entry rule and records the entry (see JourneyRuns.admit). */
  Admission admit(AdmitRequest request);

  /** Whether the customer now meets the condition of the branch step {@code stepId}. */
  boolean meetsBranchCondition(long journeyId, int version, String stepId, String customerUuid);

  void recordStep(StepRecord record);

  void updateProfile(
      String customerUuid,
      List<String> addTags,
      List<String> removeTags,
      Map<String, String> attributes);

  /**
   * Posts the journey context to a webhook step's URL with an {@code Idempotency-Key} header.
   *
   * @return the HTTP status received
   */
  int callWebhook(
      long journeyId, int version, String stepId, String customerUuid, String idempotencyKey);

  void recordConversion(
      String runKey,
      String goal,
      String eventKey,
      BigDecimal revenue,
      String splitPath,
      Instant at);

  void finish(String runKey, boolean completed, String reason, Instant at);

  record AdmitRequest(
      String runKey,
      String workflowId,
      long journeyId,
      int version,
      String customerUuid,
      String firstStep,
      Instant at) {}

  record Admission(boolean admitted, int entry, String refusal, String timeZone) {}

  record StepRecord(
      String runKey,
      int seq,
      String stepId,
      String stepType,
      String outcome,
      String detail,
      String nextStep,
      Instant at) {}
}
