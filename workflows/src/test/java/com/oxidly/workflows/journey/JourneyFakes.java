package com.oxidly.workflows.journey;

import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyJson;
import com.oxidly.workflows.delivery.DeliveryActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** In-memory stand-ins for the journey and delivery activities, recording what was asked. */
final class JourneyFakes {

  private JourneyFakes() {}

  record Conversion(String runKey, String eventKey, BigDecimal revenue, String splitPath) {}

  record Finish(String runKey, boolean completed, String reason, Instant at) {}

  static final class Journeys implements JourneyActivities {
    final Map<Long, String> definitions = new ConcurrentHashMap<>();
    final Map<String, Boolean> branchAnswers = new ConcurrentHashMap<>();
    final Map<String, Integer> entries = new ConcurrentHashMap<>();
    final List<StepRecord> steps = Collections.synchronizedList(new ArrayList<>());
    final List<Conversion> conversions = Collections.synchronizedList(new ArrayList<>());
    final List<Finish> finishes = Collections.synchronizedList(new ArrayList<>());
    final List<List<String>> tagsAdded = Collections.synchronizedList(new ArrayList<>());
    final Set<String> refuseCustomers = Collections.synchronizedSet(new HashSet<>());

    Journeys define(long id, JourneyDefinition definition) {
      definitions.put(id, JourneyJson.write(definition));
      return this;
    }

    @Override
    public String loadDefinition(long journeyId, int version) {
      return definitions.get(journeyId);
    }

    @Override
    public Admission admit(AdmitRequest request) {
      if (refuseCustomers.contains(request.customerUuid())) {
        return new Admission(false, 0, "re_entry_never", "UTC");
      }
      int entry = entries.merge(request.customerUuid(), 1, Integer::sum);
      return new Admission(true, entry, null, "America/New_York");
    }

    @Override
    public boolean meetsBranchCondition(
        long journeyId, int version, String stepId, String customerUuid) {
      return branchAnswers.getOrDefault(stepId, false);
    }

    @Override
    public void recordStep(StepRecord record) {
      steps.add(record);
    }

    @Override
    public void updateProfile(
        String customerUuid,
        List<String> addTags,
        List<String> removeTags,
        Map<String, String> attributes) {
      tagsAdded.add(addTags);
    }

    @Override
    public int callWebhook(
        long journeyId, int version, String stepId, String customerUuid, String idempotencyKey) {
      return 204;
    }

    @Override
    public void recordConversion(
        String runKey,
        String goal,
        String eventKey,
        BigDecimal revenue,
        String splitPath,
        Instant at) {
      conversions.add(new Conversion(runKey, eventKey, revenue, splitPath));
    }

    @Override
    public void finish(String runKey, boolean completed, String reason, Instant at) {
      finishes.add(new Finish(runKey, completed, reason, at));
    }

    List<String> outcomes() {
      synchronized (steps) {
        return steps.stream().map(s -> s.stepId() + "=" + s.outcome()).toList();
      }
    }
  }

  static final class Delivery implements DeliveryActivities {
    final List<DeliveryRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> askedPerKey = new HashMap<>();
    Function<DeliveryRequest, DeliveryOutcome> answer =
        request -> new DeliveryOutcome(request.sendKey(), DeliveryOutcome.Status.SENT, null, null);

    @Override
    public synchronized DeliveryOutcome deliver(DeliveryRequest request) {
      requests.add(request);
      askedPerKey.merge(request.sendKey(), 1, Integer::sum);
      return answer.apply(request);
    }

    @Override
    public List<DeliveryOutcome> deliverAll(List<DeliveryRequest> batch) {
      return batch.stream().map(this::deliver).toList();
    }

    List<String> steps() {
      synchronized (requests) {
        return requests.stream().map(DeliveryRequest::stepId).toList();
      }
    }
  }
}
