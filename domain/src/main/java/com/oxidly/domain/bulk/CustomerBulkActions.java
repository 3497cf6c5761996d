package com.oxidly.domain.bulk;

import com.oxidly.domain.customer.CustomerProfiles;
import com.oxidly.domain.events.CustomerEvents;
import com.oxidly.domain.events.EventInput;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.SegmentKind;
import com.oxidly.domain.segment.Segments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.springframework.stereotype.Service;

/**
 * Applies one {@link BulkAction} to many customers: those picked from a list, or every customer a
 * query matches. Customers are handled in chunks of {@value #CHUNK}, each with a few set-based
 * statements (never one per customer), and each chunk in a transaction of its own: a failing chunk
 * is counted with its reason and the run goes on. What the view and an API both call; who may call
 * it is theirs to check.
 */
@Service
public class CustomerBulkActions {

  /** Customers per chunk: within a segment change and an event batch. */
  public static final int CHUNK = 500;

  static final String GONE = "no longer exists";

  private final CustomerProfiles profiles;
  private final Segments segments;
  private final Journeys journeys;
  private final CustomerEvents events;
  private final PostgresCustomerQueries queries;

  CustomerBulkActions(
      CustomerProfiles profiles,
      Segments segments,
      Journeys journeys,
      CustomerEvents events,
      PostgresCustomerQueries queries) {
    this.profiles = profiles;
    this.segments = segments;
    this.journeys = journeys;
    this.events = events;
    this.queries = queries;
  }

  /**
   * Who an action applies to: the customers picked, or every customer matching a query (decided in
   * PostgreSQL when the action runs).
   */
  public record Target(List<UUID> customers, CustomerQuery query) {
    public Target {
      if ((customers == null) == (query == null)) {
        throw new IllegalArgumentException("a target is either customers or a query");
      }
      customers = customers == null ? null : List.copyOf(customers);
    }

    public static Target of(List<UUID> customers) {
      return new Target(customers, null);
    }

    public static Target matching(CustomerQuery query) {
      return new Target(null, query);
    }
  }

  /** The customers of a target, in uuid order for a query. */
  public List<UUID> resolve(Target target) {
    return target.customers() != null ? target.customers() : queries.matchingIds(target.query());
  }

  /** Static segments, the ones customers can be added to by hand. */
  public List<Segment> staticSegments() {
    return segments.all().stream().filter(s -> s.kind() == SegmentKind.STATIC).toList();
  }

  /**
   * Journeys customers can be enrolled in by hand now: published, active, with a manual trigger.
   */
  public List<Journeys.PublishedJourney> enrollableJourneys() {
    return journeys.acceptingEntries().stream()
        .filter(j -> j.definition().trigger() instanceof JourneyTrigger.Manual)
        .toList();
  }

  /**
   * Refuses an action that cannot apply to anyone, before any customer is touched.
   *
   * @throws IllegalArgumentException saying why: an unknown or dynamic segment, a journey that is
   *     not open to manual enrolment
   */
  public void check(BulkAction action) {
    switch (action) {
      case BulkAction.AddToSegment add -> {
        Segment segment;
        try {
          segment = segments.get(add.segment());
        } catch (NoSuchElementException e) {
          throw new IllegalArgumentException(e.getMessage());
        }
        if (segment.kind() != SegmentKind.STATIC) {
          throw new IllegalArgumentException(
              "'" + segment.name() + "' is dynamic: its query decides who is in it, not a list");
        }
      }
      case BulkAction.EnrolInJourney enrol -> {
        if (enrollableJourneys().stream().noneMatch(j -> j.id() == enrol.journeyId())) {
          throw new IllegalArgumentException(
              "journey "
                  + enrol.journeyId()
                  + " takes no manual enrolments now: it must be published, active and have a"
                  + " manual trigger");
        }
      }
      default -> {}
    }
  }

  /**
   * Applies {@code action} to {@code customers}, chunk by chunk.
   *
   * @param user who does it, recorded where the data keeps it (segment members)
   * @param progress told how many customers are done after each chunk; may be null
   * @throws IllegalArgumentException when {@link #check} refuses the action
   */
  public BulkOutcome apply(
      BulkAction action, List<UUID> customers, String user, IntConsumer progress) {
    check(action);
    String run = UUID.randomUUID().toString();
    BulkOutcome.Tally tally = new BulkOutcome.Tally();
    List<UUID> distinct = customers.stream().distinct().toList();
    for (int from = 0; from < distinct.size(); from += CHUNK) {
      List<UUID> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
      try {
        applyToChunk(action, chunk, user, run, tally);
      } catch (RuntimeException e) {
        tally.fail(reason(e), chunk.size());
      }
      if (progress != null) {
        progress.accept(Math.min(distinct.size(), from + CHUNK));
      }
    }
    return tally.outcome();
  }

  private void applyToChunk(
      BulkAction action, List<UUID> chunk, String user, String run, BulkOutcome.Tally tally) {
    Set<UUID> existing = profiles.existing(chunk);
    tally.fail(GONE, chunk.size() - existing.size());
    if (existing.isEmpty()) {
      return;
    }
    List<UUID> present = chunk.stream().filter(existing::contains).toList();
    if (action instanceof BulkAction.Erase) {
      int erased = profiles.deleteAll(present);
      // Erased by someone else between the look-up and the delete.
      tally.fail(GONE, present.size() - erased);
      tally.add(erased, erased, 0);
      return;
    }
    int changed =
        switch (action) {
          case BulkAction.AddTag add -> profiles.changeTag(present, add.tag(), true);
          case BulkAction.RemoveTag remove -> profiles.changeTag(present, remove.tag(), false);
          case BulkAction.ChangeStatus status -> profiles.changeStatus(present, status.status());
          case BulkAction.AddToSegment add -> segments.addMembers(add.segment(), present, user);
          case BulkAction.EnrolInJourney enrol -> enrol(enrol.journeyId(), present, run);
          case BulkAction.Erase erase -> throw new IllegalStateException("handled above");
        };
    tally.add(present.size(), changed, present.size() - changed);
  }

  /**
   * Stores a {@code journey_enrolled} event per customer, as the API's enrolments do; the event key
   * names this run, so a retried chunk does not enrol anyone twice.
   */
  private int enrol(long journeyId, List<UUID> customers, String run) {
    List<EventInput> inputs = new ArrayList<>(customers.size());
    for (UUID customer : customers) {
      inputs.add(
          new EventInput(
              "bulk:" + run + ":" + customer,
              JourneyTrigger.ENROLLED,
              customer.toString(),
              null,
              null,
              Map.of("journey_id", String.valueOf(journeyId)),
              null));
    }
    return (int) events.record(inputs, "ui").stream().filter(r -> !r.duplicate()).count();
  }

  private static String reason(RuntimeException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
