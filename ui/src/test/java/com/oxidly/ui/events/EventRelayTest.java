package com.oxidly.ui.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.events.CustomerEvents;
import com.oxidly.domain.events.EventInput;
import com.oxidly.domain.journey.JourneyRuns;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.ui.OxidlyIntegrationTest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay hands a pass's customers on in parallel: each customer's events must still arrive in
 * order, and events must survive a Temporal that does not answer.
 */
@OxidlyIntegrationTest
class EventRelayTest {

  @Autowired EventRelay relay;
  @Autowired CustomerEvents events;
  @Autowired Journeys journeys;
  @Autowired JourneyRuns runs;
  @Autowired WorkflowClient temporal;
  @Autowired OperatorSearchAttributes searchAttributes;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;
  private final List<Long> published = new ArrayList<>();

  /** Other test classes share this context: their carts must not enter these journeys too. */
  @AfterEach
  void closeJourneys() {
    published.forEach(id -> journeys.setAcceptingEntries(id, false));
  }

  @Test
  void eachCustomersCartAndOrderArriveInOrderWhenManyCustomersShareAPass() {
    long journey = publishAbandonedCart();
    List<UUID> customers = customers(200, 40);
    List<EventInput> batch = new ArrayList<>();
    // All carts first, then all orders: one pass takes them all and spreads the customers over
    // the relay's threads; an order handed on before its cart would find no run to end.
    customers.forEach(c -> batch.add(event("cart_updated", c, Map.of("cart_id", "r-" + c))));
    customers.forEach(
        c -> batch.add(event("order_placed", c, Map.of("cart_id", "r-" + c, "total", 5))));

    events.record(batch, "service");

    awaitExited(journey, customers);
  }

  @Test
  void eventsWaitInTheStoreWhileTemporalIsAwayAndGoOnceItIsBack() {
    long journey = publishAbandonedCart();
    UUID customer = customers(260, 1).getFirst();
    relay.stop();
    try {
      events.record(
          List.of(event("cart_updated", customer, Map.of("cart_id", "away-1"))), "service");
      EventRelay unreachable = relay(awayTemporal());

      assertThatThrownBy(unreachable::pass).isInstanceOf(RuntimeException.class);
      assertThat(pending(customer)).isEqualTo(1);

      assertThat(relay(temporal).pass()).isGreaterThanOrEqualTo(1);
      assertThat(pending(customer)).isZero();
    } finally {
      relay.start();
    }
    awaitEntered(journey, customer);
  }

  private EventRelay relay(WorkflowClient client) {
    return new EventRelay(
        events,
        journeys,
        runs,
        client,
        searchAttributes,
        jdbc,
        transaction,
        false,
        Duration.ofMillis(10),
        1_000,
        4);
  }

  /** A client of a Temporal frontend nobody listens on, that gives up after one attempt. */
  private static WorkflowClient awayTemporal() {
    return WorkflowClient.newInstance(
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1")
                .setRpcTimeout(Duration.ofSeconds(2))
                .setRpcRetryOptions(
                    RpcRetryOptions.newBuilder()
                        .setMaximumAttempts(1)
                        .setExpiration(Duration.ofSeconds(2))
                        .build())
                .build()));
  }

  private long publishAbandonedCart() {
    long id = journeys.createFromTemplate("abandoned-cart", "test");
    journeys.publish(id, "test");
    published.add(id);
    return id;
  }

  private List<UUID> customers(int offset, int count) {
    return jdbc.queryForList(
        "select customer_uuid from customers order by customer_uuid offset ? limit ?",
        UUID.class,
        offset,
        count);
  }

  private static EventInput event(String type, UUID customer, Map<String, Object> properties) {
    return new EventInput(null, type, customer.toString(), null, null, properties, null);
  }

  private int pending(UUID customer) {
    return jdbc.queryForObject(
        "select count(*) from customer_events where customer_uuid = ? and relayed_at is null",
        Integer.class,
        customer);
  }

  private void awaitExited(long journey, List<UUID> customers) {
    await(
        () ->
            jdbc.queryForObject(
                    """
                    select count(*) from journey_runs
                     where journey_id = ? and customer_uuid = any(?::uuid[]) and status = 'exited'
                       and end_reason = 'exit_event:order_placed'\
                    """,
                    Integer.class,
                    journey,
                    customers.stream().map(UUID::toString).toArray(String[]::new))
                == customers.size(),
        "every customer's run ended by the order of its cart");
  }

  private void awaitEntered(long journey, UUID customer) {
    await(
        () ->
            !jdbc.queryForList(
                    "select run_id from journey_runs where journey_id = ? and customer_uuid = ?",
                    String.class,
                    journey,
                    customer)
                .isEmpty(),
        "the customer entered the journey");
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not within 30 s: " + what);
  }
}
