package com.oxidly.domain.events;

import com.oxidly.domain.customer.CustomerProfiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store of customer events. Events are written here first, with their profile changes in the
 * same transaction; the relay hands them on to journeys in id order. A batch is all or nothing: one
 * bad event refuses the batch with every problem named, so nothing is dropped silently.
 */
@Service
public class CustomerEvents {

  /** Most events in one batch. */
  public static final int MOST_PER_BATCH = 1_000;

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * @param id the stored event's id
   * @param duplicate true when an event with the same key was stored before (nothing new stored)
   */
  public record Recorded(long id, String eventKey, UUID customerUuid, boolean duplicate) {}

  private final JdbcTemplate jdbc;
  private final CustomerProfiles profiles;
  private final Clock clock;

  CustomerEvents(JdbcTemplate jdbc, CustomerProfiles profiles, Clock clock) {
    this.jdbc = jdbc;
    this.profiles = profiles;
    this.clock = clock;
  }

  /**
   * Stores events and applies their profile changes, all in one transaction.
   *
   * @param source who sends them: {@code api}, {@code service}, {@code journey}, {@code system}
   * @throws InvalidEventsException naming every bad event; then nothing is stored
   */
  @Transactional
  public List<Recorded> record(List<EventInput> events, String source) {
    List<InvalidEventsException.Problem> problems = new ArrayList<>();
    if (events == null || events.isEmpty()) {
      throw new InvalidEventsException(
          List.of(new InvalidEventsException.Problem(0, "events", "must not be empty")));
    }
    if (events.size() > MOST_PER_BATCH) {
      throw new InvalidEventsException(
          List.of(
              new InvalidEventsException.Problem(
                  MOST_PER_BATCH, "events", "at most " + MOST_PER_BATCH + " per batch")));
    }
    Instant now = clock.instant();
    Known known = known(events);
    List<UUID> customers = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      customers.add(validate(i, events.get(i), now, known, problems));
    }
    if (!problems.isEmpty()) {
      throw new InvalidEventsException(problems);
    }
    return store(events, customers, source, now);
  }

  /** The customers a batch names, looked up with one query per kind of reference. */
  private record Known(Set<UUID> uuids, Map<String, UUID> byEmail) {}

  private Known known(List<EventInput> events) {
    Set<UUID> named = new HashSet<>();
    Set<String> emails = new HashSet<>();
    for (EventInput event : events) {
      if (event == null) {
        continue;
      }
      if (event.customerUuid() != null && !event.customerUuid().isBlank()) {
        try {
          named.add(UUID.fromString(event.customerUuid().trim()));
        } catch (IllegalArgumentException notAUuid) {
          // Named as a problem by validate.
        }
      } else if (event.email() != null && !event.email().isBlank()) {
        emails.add(event.email().trim().toLowerCase(Locale.ROOT));
      }
    }
    Set<UUID> uuids = new HashSet<>();
    if (!named.isEmpty()) {
      uuids.addAll(
          jdbc.queryForList(
              "select customer_uuid from customers where customer_uuid = any(?::uuid[])",
              UUID.class,
              (Object) named.stream().map(UUID::toString).toArray(String[]::new)));
    }
    Map<String, UUID> byEmail = new HashMap<>();
    if (!emails.isEmpty()) {
      jdbc.query(
          "select email, customer_uuid from customers where email = any(?) order by customer_uuid",
          rs -> {
            byEmail.putIfAbsent(rs.getString(1), rs.getObject(2, UUID.class));
          },
          (Object) emails.toArray(String[]::new));
    }
    return new Known(uuids, byEmail);
  }

  /**
   * Inserts the batch with one statement, rows in batch order so that ids (the relay's order)
   * follow it; keys stored before come back as duplicates with the earlier event's id.
   */
  private List<Recorded> store(
      List<EventInput> events, List<UUID> customers, String source, Instant now) {
    int size = events.size();
    String[] keys = new String[size];
    String[] types = new String[size];
    String[] occurred = new String[size];
    String[] properties = new String[size];
    for (int i = 0; i < size; i++) {
      EventInput event = events.get(i);
      keys[i] =
          event.eventKey() == null || event.eventKey().isBlank()
              ? UUID.randomUUID().toString()
              : event.eventKey().trim();
      types[i] = event.type();
      occurred[i] = (event.occurredAt() == null ? now : event.occurredAt()).toString();
      properties[i] =
          JSON.writeValueAsString(event.properties() == null ? Map.of() : event.properties());
    }
    Map<String, Long> stored = new HashMap<>();
    jdbc.query(
        """
        insert into customer_events
            (event_key, customer_uuid, type, occurred_at, properties, source)
        select e.key, e.customer, e.type, e.occurred, cast(e.properties as jsonb), ?
          from unnest(?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[])
               with ordinality as e(key, customer, type, occurred, properties, n)
         order by e.n
        on conflict (event_key) do nothing
        returning event_key, id\
        """,
        rs -> {
          stored.put(rs.getString(1), rs.getLong(2));
        },
        source,
        keys,
        customers.stream().map(UUID::toString).toArray(String[]::new),
        types,
        occurred,
        properties);
    Map<String, Long> earlier = new HashMap<>();
    List<String> repeated =
        Arrays.stream(keys).filter(key -> !stored.containsKey(key)).distinct().toList();
    if (!repeated.isEmpty()) {
      jdbc.query(
          "select event_key, id from customer_events where event_key = any(?)",
          rs -> {
            earlier.put(rs.getString(1), rs.getLong(2));
          },
          (Object) repeated.toArray(String[]::new));
    }
    List<Recorded> recorded = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < size; i++) {
      // The first of equal keys in a batch is the one stored; the others are its duplicates.
      boolean isNew = stored.containsKey(keys[i]) && seen.add(keys[i]);
      long id = isNew ? stored.get(keys[i]) : stored.getOrDefault(keys[i], earlier.get(keys[i]));
      EventInput event = events.get(i);
      if (isNew && event.profile() != null) {
        profiles.adjustTags(
            customers.get(i),
            event.profile().addTags(),
            event.profile().removeTags(),
            event.profile().attributes());
      }
      recorded.add(new Recorded(id, keys[i], customers.get(i), !isNew));
    }
    return recorded;
  }

  private UUID validate(
      int index,
      EventInput event,
      Instant now,
      Known known,
      List<InvalidEventsException.Problem> problems) {
    if (event == null) {
      problems.add(new InvalidEventsException.Problem(index, "event", "is empty"));
      return null;
    }
    if (event.type() == null || !TYPE.matcher(event.type()).matches()) {
      problems.add(
          new InvalidEventsException.Problem(
              index,
              "type",
              "must be lower case letters, digits, _ or . starting with a letter (was '"
                  + event.type()
                  + "')"));
    }
    if (event.occurredAt() != null && event.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
      problems.add(new InvalidEventsException.Problem(index, "occurredAt", "is in the future"));
    }
    if (event.eventKey() != null && event.eventKey().length() > 200) {
      problems.add(
          new InvalidEventsException.Problem(index, "eventKey", "is longer than 200 characters"));
    }
    return customer(index, event, known, problems);
  }

  private static UUID customer(
      int index, EventInput event, Known known, List<InvalidEventsException.Problem> problems) {
    if (event.customerUuid() != null && !event.customerUuid().isBlank()) {
      UUID uuid;
      try {
        uuid = UUID.fromString(event.customerUuid().trim());
      } catch (IllegalArgumentException notAUuid) {
        problems.add(
            new InvalidEventsException.Problem(
                index, "customerUuid", "is not a UUID: '" + event.customerUuid() + "'"));
        return null;
      }
      if (!known.uuids().contains(uuid)) {
        problems.add(
            new InvalidEventsException.Problem(index, "customerUuid", "no customer " + uuid));
        return null;
      }
      return uuid;
    }
    if (event.email() != null && !event.email().isBlank()) {
      String email = event.email().trim().toLowerCase(Locale.ROOT);
      UUID found = known.byEmail().get(email);
      if (found == null) {
        problems.add(
            new InvalidEventsException.Problem(index, "email", "no customer with email " + email));
        return null;
      }
      return found;
    }
    problems.add(
        new InvalidEventsException.Problem(index, "customer", "give customerUuid or email"));
    return null;
  }

  /** Events not yet handed to journeys, oldest first. */
  public List<StoredEvent> pending(int limit) {
    return jdbc.query(
        """
        select id, event_key, customer_uuid, type, occurred_at, properties::text
          from customer_events where relayed_at is null order by id limit ?\
        """,
        CustomerEvents::stored,
        limit);
  }

  /** Marks events as handed on; they are not handed again. */
  public void markRelayed(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.update(
        "update customer_events set relayed_at = ? where id = any(?)",
        Timestamp.from(clock.instant()),
        ids.toArray(Long[]::new));
  }

  /** Events of a customer, newest first, for the timeline. */
  public List<StoredEvent> ofCustomer(UUID customer, int limit) {
    return jdbc.query(
        """
        select id, event_key, customer_uuid, type, occurred_at, properties::text
          from customer_events where customer_uuid = ? order by occurred_at desc, id desc limit ?\
        """,
        CustomerEvents::stored,
        customer,
        limit);
  }

  private static StoredEvent stored(ResultSet rs, int n) throws SQLException {
    return new StoredEvent(
        rs.getLong(1),
        rs.getString(2),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        rs.getTimestamp(5).toInstant(),
        flatten(rs.getString(6)));
  }

  /** Top-level properties as text: strings as they are, anything else as its JSON. */
  static Map<String, String> flatten(String json) {
    Map<String, String> flat = new LinkedHashMap<>();
    JsonNode node = JSON.readTree(json);
    for (var entry : node.properties()) {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      flat.put(entry.getKey(), value.isString() ? value.asString() : value.toString());
    }
    return flat;
  }
}
