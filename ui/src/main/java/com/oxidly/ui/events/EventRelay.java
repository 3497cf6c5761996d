package com.oxidly.ui.events;

import com.oxidly.domain.events.CustomerEvents;
import com.oxidly.domain.events.StoredEvent;
import com.oxidly.domain.journey.JourneyRuns;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.workflows.TaskQueues;
import com.oxidly.workflows.WorkflowIds;
import com.oxidly.workflows.journey.JourneyInput;
import com.oxidly.workflows.journey.JourneyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands stored events to journeys, in id order: signal-with-start for every journey the event
 * triggers, a signal for every journey the customer is in. An event is marked relayed only after
 * Temporal took it; when Temporal is away the relay backs off and tries again, so nothing is lost
 * (a journey ignores an event it has already seen, so a repeat after a crash is harmless).
 *
 * <p>Several Oxidly instances may run a relay; a PostgreSQL advisory lock lets one at a time pass,
 * which keeps each customer's events in order.
 */
@Component
class EventRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
  private static final long RELAY_LOCK = 0x0E7E47_2E1A7L;

  private final CustomerEvents events;
  private final Journeys journeys;
  private final JourneyRuns runs;
  private final WorkflowClient temporal;
  private final OperatorSearchAttributes searchAttributes;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final boolean enabled;
  private final Duration idlePause;
  private final int batchSize;
  private final AtomicLong relayed = new AtomicLong();

  /**
   * Hands on the customers of a pass side by side: each Temporal call mostly waits on a round trip.
   * Idle threads end after a while, so a quiet relay holds none.
   */
  private final ThreadPoolExecutor handOnPool;

  /**
   * Runs this relay started recently, per customer. A run is in the run index only once its
   * admission activity has run, so an event right behind the trigger (an order a second after the
   * cart) would miss it there; these ids make sure it reaches the run anyway.
   */
  private final Map<UUID, Map<String, Instant>> recentlyStarted = new ConcurrentHashMap<>();

  /** How long a started run is remembered: far longer than an admission takes. */
  private static final Duration REMEMBER_STARTS = Duration.ofMinutes(10);

  private volatile boolean running;
  private volatile Thread worker;
  private volatile String lastFailure;

  EventRelay(
      CustomerEvents events,
      Journeys journeys,
      JourneyRuns runs,
      WorkflowClient temporal,
      OperatorSearchAttributes searchAttributes,
      JdbcTemplate jdbc,
      TransactionTemplate transaction,
      @Value("${oxidly.events.relay.enabled:true}") boolean enabled,
      @Value("${oxidly.events.relay.idle-pause:100ms}") Duration idlePause,
      @Value("${oxidly.events.relay.batch-size:1000}") int batchSize,
      @Value("${oxidly.events.relay.parallelism:32}") int parallelism) {
    this.events = events;
    this.journeys = journeys;
    this.runs = runs;
    this.temporal = temporal;
    this.searchAttributes = searchAttributes;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.enabled = enabled;
    this.idlePause = idlePause;
    this.batchSize = batchSize;
    this.handOnPool =
        new ThreadPoolExecutor(
            parallelism,
            parallelism,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().daemon().name("oxidly-event-relay-", 0).factory());
    handOnPool.allowCoreThreadTimeOut(true);
  }

  /** Events handed on since start. */
  long relayed() {
    return relayed.get();
  }

  /** Why the last pass failed (Temporal unreachable...), or null when the last pass worked. */
  String lastFailure() {
    return lastFailure;
  }

  @Override
  public void start() {
    if (!enabled) {
      log.info("Event relay is off (oxidly.events.relay.enabled=false)");
      return;
    }
    running = true;
    worker = Thread.ofPlatform().daemon().name("oxidly-event-relay").start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // After the Temporal client and workers are up, before the web server takes requests.
    return Integer.MAX_VALUE - 100;
  }

  private void loop() {
    Duration backoff = idlePause;
    while (running) {
      try {
        int handed = pass();
        lastFailure = null;
        backoff = idlePause;
        if (handed == 0) {
          Thread.sleep(idlePause);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        lastFailure = e.toString();
        log.warn("Event relay pass failed; retrying in {}: {}", backoff, e.toString());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                ? Duration.ofSeconds(30)
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * One pass over pending events; returns how many were handed on. Customers are handed on in
   * parallel, each customer's events in id order on one task; the events of every customer whose
   * events all went through are marked relayed in one statement. When some customer failed
   * (Temporal away), the others still count and the failure is thrown after the commit, so the loop
   * backs off; the failed customer's events stay pending and are handed again, which journeys
   * ignore up to the last event they saw.
   */
  int pass() {
    forgetOldStarts();
    RuntimeException[] failure = new RuntimeException[1];
    Integer handed =
        transaction.execute(
            status -> {
              Boolean mine =
                  jdbc.queryForObject(
                      "select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
              if (!Boolean.TRUE.equals(mine)) {
                return 0;
              }
              List<StoredEvent> batch = events.pending(batchSize);
              if (batch.isEmpty()) {
                return 0;
              }
              List<Journeys.PublishedJourney> open = journeys.acceptingEntries();
              Map<UUID, List<StoredEvent>> byCustomer = new LinkedHashMap<>();
              batch.forEach(
                  event ->
                      byCustomer
                          .computeIfAbsent(event.customerUuid(), c -> new ArrayList<>())
                          .add(event));
              Map<UUID, List<String>> active = runs.activeWorkflowIds(byCustomer.keySet());
              List<Future<List<Long>>> tasks = new ArrayList<>();
              byCustomer.forEach(
                  (customer, customerEvents) ->
                      tasks.add(
                          handOnPool.submit(
                              () -> {
                                List<String> inRuns = active.getOrDefault(customer, List.of());
                                for (StoredEvent event : customerEvents) {
                                  handOn(event, open, inRuns);
                                }
                                return customerEvents.stream().map(StoredEvent::id).toList();
                              })));
              List<Long> done = new ArrayList<>();
              for (Future<List<Long>> task : tasks) {
                try {
                  done.addAll(task.get());
                } catch (ExecutionException e) {
                  failure[0] =
                      e.getCause() instanceof RuntimeException runtime
                          ? runtime
                          : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("event relay interrupted", e);
                }
              }
              events.markRelayed(done);
              return done.size();
            });
    int count = handed == null ? 0 : handed;
    relayed.addAndGet(count);
    if (failure[0] != null) {
      throw failure[0];
    }
    return count;
  }

  private Instant lastForgotten = Instant.EPOCH;

  /** Drops remembered starts of customers who had no event since, so memory stays bounded. */
  private void forgetOldStarts() {
    Instant now = Instant.now();
    if (lastForgotten.plus(Duration.ofMinutes(1)).isAfter(now)) {
      return;
    }
    lastForgotten = now;
    recentlyStarted
        .values()
        .forEach(
            started -> started.values().removeIf(at -> at.plus(REMEMBER_STARTS).isBefore(now)));
    recentlyStarted.values().removeIf(Map::isEmpty);
  }

  /**
   * Hands one event to the journeys it starts and to every run the customer is in ({@code inRuns}
   * from the run index, plus runs started lately that the index may not show yet).
   */
  private void handOn(
      StoredEvent event, List<Journeys.PublishedJourney> open, List<String> inRuns) {
    String customer = event.customerUuid().toString();
    var journeyEvent = event.toJourneyEvent();
    Set<String> reached = new LinkedHashSet<>();
    for (Journeys.PublishedJourney journey : open) {
      if (journey.definition().trigger().startedBy(journeyEvent, journey.id())) {
        String workflowId = WorkflowIds.journey(journey.id(), journey.version(), customer);
        temporal
            .newUntypedWorkflowStub(
                "JourneyWorkflow",
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(TaskQueues.CAMPAIGNS)
                    .setTypedSearchAttributes(
                        searchAttributes.journeyRun(journey.id(), journey.version(), customer))
                    .build())
            .signalWithStart(
                JourneyWorkflow.EVENT_SIGNAL,
                new Object[] {journeyEvent},
                new Object[] {JourneyInput.entry(journey.id(), journey.version(), customer)});
        reached.add(workflowId);
      }
    }
    Instant now = Instant.now();
    // Only this customer's task touches this inner map during a pass.
    Map<String, Instant> started =
        recentlyStarted.computeIfAbsent(event.customerUuid(), c -> new HashMap<>());
    started.values().removeIf(at -> at.plus(REMEMBER_STARTS).isBefore(now));
    Set<String> candidates = new LinkedHashSet<>(started.keySet());
    reached.forEach(workflowId -> started.put(workflowId, now));
    if (started.isEmpty()) {
      recentlyStarted.remove(event.customerUuid());
    }
    candidates.addAll(inRuns);
    for (String workflowId : candidates) {
      if (reached.add(workflowId)) {
        try {
          temporal
              .newUntypedWorkflowStub(workflowId)
              .signal(JourneyWorkflow.EVENT_SIGNAL, journeyEvent);
        } catch (WorkflowNotFoundException ended) {
          // The run ended between the index read and the signal: nothing left to tell.
        }
      }
    }
  }
}
