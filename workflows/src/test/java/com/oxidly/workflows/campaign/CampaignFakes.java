package com.oxidly.workflows.campaign;

import com.oxidly.domain.campaign.CampaignDefinition;
import com.oxidly.domain.campaign.CampaignSchedules;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.workflows.delivery.DeliveryActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * In-memory stand-ins for the campaign and delivery activities with the semantics of the real ones
 * (frozen audience in uuid order, deferrals kept per customer), recording what was asked.
 */
final class CampaignFakes {

  private CampaignFakes() {}

  record Finish(long campaignId, boolean cancelled, Instant at) {}

  static final class Campaigns implements CampaignActivities {
    private final List<Member> audience = new ArrayList<>();
    private CampaignDefinition.Schedule schedule;
    private int throttle = 600;
    final AtomicInteger plans = new AtomicInteger();
    final List<Instant> freezes = Collections.synchronizedList(new ArrayList<>());
    final List<Finish> finishes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Instant> deferredUntil = new HashMap<>();
    private final Map<String, Integer> deferrals = new HashMap<>();
    private int gaveUp;

    Campaigns startingAt(Instant start) {
      schedule = new CampaignDefinition.Schedule(start, null, null);
      return this;
    }

    Campaigns atLocalTime(LocalDate date, LocalTime time) {
      schedule = new CampaignDefinition.Schedule(null, date, time);
      return this;
    }

    Campaigns throttle(int perMinute) {
      throttle = perMinute;
      return this;
    }

    /** Adds customers 1..n (uuids in that order) in a time zone. */
    Campaigns members(int from, int to, String timeZone) {
      for (int i = from; i <= to; i++) {
        audience.add(new Member(uuid(i), timeZone));
      }
      audience.sort(Comparator.comparing(Member::customerUuid));
      return this;
    }

    @Override
    public Plan plan(long campaignId) {
      plans.incrementAndGet();
      return new Plan(
          "Winter sale",
          Channel.EMAIL,
          MessageClass.MARKETING,
          MessageTemplate.email("Hello {{ customer.first_name }}", "<p>Sale</p>", null),
          CampaignSchedules.firstStart(schedule),
          throttle);
    }

    @Override
    public int freezeAudience(long campaignId, Instant at) {
      freezes.add(at);
      return audience.size();
    }

    @Override
    public List<Wave> waves(long campaignId) {
      if (!schedule.isLocal()) {
        return List.of(new Wave(schedule.startAt(), null));
      }
      TreeMap<Instant, List<String>> byStart = new TreeMap<>();
      audience.stream()
          .map(Member::timeZone)
          .distinct()
          .sorted()
          .forEach(
              zone ->
                  byStart
                      .computeIfAbsent(
                          CampaignSchedules.localStart(schedule, zone), s -> new ArrayList<>())
                      .add(zone));
      List<Wave> waves = new ArrayList<>();
      byStart.forEach((start, zones) -> waves.add(new Wave(start, List.copyOf(zones))));
      return waves;
    }

    @Override
    public List<Member> page(
        long campaignId, List<String> timeZones, String afterCustomer, int limit) {
      return audience.stream()
          .filter(m -> afterCustomer == null || m.customerUuid().compareTo(afterCustomer) > 0)
          .filter(m -> timeZones == null || timeZones.contains(m.timeZone()))
          .limit(limit)
          .toList();
    }

    @Override
    public synchronized List<Member> dueDeferrals(long campaignId, Instant at, int limit) {
      return audience.stream()
          .filter(m -> deferredUntil.containsKey(m.customerUuid()))
          .filter(m -> !deferredUntil.get(m.customerUuid()).isAfter(at))
          .limit(limit)
          .toList();
    }

    @Override
    public synchronized Deferrals recordBatch(
        long campaignId, List<DeliveryOutcome> outcomes, Instant at, int mostDeferrals) {
      for (DeliveryOutcome outcome : outcomes) {
        String customer = outcome.sendKey().substring(outcome.sendKey().lastIndexOf(':') + 1);
        if (outcome.status() == DeliveryOutcome.Status.DEFERRED) {
          Instant before = deferredUntil.put(customer, outcome.retryAt());
          if (!outcome.retryAt().equals(before)
              && deferrals.merge(customer, 1, Integer::sum) >= mostDeferrals) {
            deferredUntil.remove(customer);
            gaveUp++;
          }
        } else {
          deferredUntil.remove(customer);
        }
      }
      Instant next = deferredUntil.values().stream().min(Comparator.naturalOrder()).orElse(null);
      return new Deferrals(deferredUntil.size(), next, gaveUp);
    }

    @Override
    public void finish(long campaignId, boolean cancelled, Instant at) {
      finishes.add(new Finish(campaignId, cancelled, at));
    }
  }

  static final class Delivery implements DeliveryActivities {
    final List<DeliveryRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<List<DeliveryRequest>> batches = Collections.synchronizedList(new ArrayList<>());
    Function<DeliveryRequest, DeliveryOutcome> answer = Delivery::sent;

    static DeliveryOutcome sent(DeliveryRequest request) {
      return new DeliveryOutcome(request.sendKey(), DeliveryOutcome.Status.SENT, null, null);
    }

    @Override
    public synchronized DeliveryOutcome deliver(DeliveryRequest request) {
      requests.add(request);
      return answer.apply(request);
    }

    @Override
    public synchronized List<DeliveryOutcome> deliverAll(List<DeliveryRequest> batch) {
      batches.add(List.copyOf(batch));
      return batch.stream().map(this::deliver).toList();
    }

    List<String> keys() {
      synchronized (requests) {
        return requests.stream().map(DeliveryRequest::sendKey).toList();
      }
    }
  }

  static String uuid(int i) {
    return "00000000-0000-0000-0000-%012d".formatted(i);
  }
}
