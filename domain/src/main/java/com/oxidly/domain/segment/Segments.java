package com.oxidly.domain.segment;

import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.query.CustomerQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored segments: create, change, delete, list, members and live counts. Membership itself is
 * kept by {@link SegmentMemberships}; this class changes definitions and static member lists, and
 * the triggers and re-evaluations take it from there.
 */
@Service
public class Segments {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Most customers added or removed by hand in one call. */
  public static final int MAX_MEMBERS_PER_CHANGE = 10_000;

  private static final int MAX_NAME = 100;
  private static final int MAX_DESCRIPTION = 2_000;
  private static final int MAX_KEY = 64;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Segments(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** A customer as listed among a segment's members. */
  public record Member(UUID customerUuid, String email, String firstName, String lastName) {}

  /** What a change did, so callers know whether members must be re-evaluated. */
  public record Saved(Segment segment, boolean definitionChanged) {}

  /**
   * The segment's name as customer queries and customers.segments carry it: lower case, words of
   * letters and digits separated by single spaces ("High-Value " -> "high value").
   */
  public static String keyOf(String text) {
    return text == null
        ? ""
        : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{IsAlphabetic}\\p{IsDigit}]+", " ").trim();
  }

  /** Every segment, built-ins first, then by name. */
  public List<Segment> all() {
    return jdbc.query(
        "select * from segments order by built_in desc, lower(name)", Segments::segment);
  }

  public Optional<Segment> find(String key) {
    return jdbc
        .query("select * from segments where segment_key = ?", Segments::segment, key(key))
        .stream()
        .findFirst();
  }

  /**
   * @throws NoSuchElementException naming the key
   */
  public Segment get(String key) {
    return find(key).orElseThrow(() -> new NoSuchElementException("No segment '" + key + "'"));
  }

  /** Live counts of all segments by key: customers whose {@code segments} carry the key. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new HashMap<>();
    jdbc.query(
        "select s.segment_key, (select count(*) from customers c where c.segments @>"
            + " array[s.segment_key]) from segments s",
        row -> {
          counts.put(row.getString(1), row.getLong(2));
        });
    return counts;
  }

  /** Customers in the segment now. */
  public long count(String key) {
    String segment = get(key).key();
    Long count =
        jdbc.queryForObject(
            "select count(*) from customers where segments @> array[?::text]", Long.class, segment);
    return count == null ? 0 : count;
  }

  /** A page of the segment's members in uuid order. */
  public List<Member> members(String key, int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > 1_000) {
      throw new IllegalArgumentException("size must be between 1 and 1000, was " + size);
    }
    String segment = get(key).key();
    return jdbc.query(
        "select customer_uuid, email, first_name, last_name from customers where segments @>"
            + " array[?::text] order by customer_uuid limit ? offset ?",
        (row, i) ->
            new Member(
                row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4)),
        segment,
        size,
        (long) page * size);
  }

  /**
   * Creates a segment. Its members are filled in by a re-evaluation the caller starts (dynamic) or
   * as members are added (static).
   *
   * @throws InvalidSegmentException naming every bad field
   * @throws SegmentConflictException when the key or the name is taken
   */
  public Segment create(SegmentInput input, String user) {
    List<FieldError> errors = new ArrayList<>();
    String name = name(input, errors);
    String key = input.key() == null || input.key().isBlank() ? keyOf(name) : keyOf(input.key());
    if (input.key() != null && !input.key().isBlank() && !key.equals(input.key().trim())) {
      errors.add(
          new FieldError(
              "key",
              "must be lower-case words of letters and digits separated by single spaces, e.g. '"
                  + key
                  + "'"));
    } else if (key.isEmpty() && !name.isEmpty()) {
      errors.add(new FieldError("key", "needs at least one letter or digit (from the name)"));
    } else if (key.length() > MAX_KEY) {
      errors.add(new FieldError("key", "must be at most " + MAX_KEY + " characters"));
    }
    SegmentKind kind = kind(input, errors);
    CustomerQuery definition = definition(input, kind, errors);
    String description = description(input, errors);
    if (definition != null && !key.isEmpty()) {
      checkReferences(key, definition, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidSegmentException(errors);
    }
    return transactions.execute(
        status -> {
          if (find(key).isPresent()) {
            throw new SegmentConflictException("A segment with key '" + key + "' exists already");
          }
          checkNameFree(name, key);
          Instant now = clock.instant();
          jdbc.update(
              "insert into segments (segment_key, name, description, kind, definition, built_in,"
                  + " created_at, updated_at, updated_by) values (?, ?, ?, ?, ?::jsonb, false, ?,"
                  + " ?, ?)",
              key,
              name,
              description,
              kind.code(),
              definition == null ? null : JSON.writeValueAsString(definition),
              Timestamp.from(now),
              Timestamp.from(now),
              user);
          return get(key);
        });
  }

  /**
   * Changes name, description and (dynamic segments) definition. The kind and key never change.
   *
   * @throws InvalidSegmentException naming every bad field
   * @throws SegmentConflictException when the name is taken by another segment
   * @throws NoSuchElementException when there is no such segment
   */
  public Saved update(String key, SegmentInput input, String user) {
    Segment current = get(key);
    List<FieldError> errors = new ArrayList<>();
    if (input.key() != null
        && !input.key().isBlank()
        && !keyOf(input.key()).equals(current.key())) {
      errors.add(new FieldError("key", "cannot change; create a new segment instead"));
    }
    String name = name(input, errors);
    if (input.kind() != null && !input.kind().isBlank()) {
      try {
        if (SegmentKind.fromCode(input.kind()) != current.kind()) {
          errors.add(
              new FieldError(
                  "kind",
                  "cannot change from "
                      + current.kind().code()
                      + "; create a new segment instead"));
        }
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("kind", e.getMessage()));
      }
    }
    CustomerQuery definition = definition(input, current.kind(), errors);
    String description = description(input, errors);
    if (definition != null) {
      checkReferences(current.key(), definition, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidSegmentException(errors);
    }
    return transactions.execute(
        status -> {
          checkNameFree(name, current.key());
          jdbc.update(
              "update segments set name = ?, description = ?, definition = ?::jsonb, updated_at"
                  + " = ?, updated_by = ? where segment_key = ?",
              name,
              description,
              definition == null ? null : JSON.writeValueAsString(definition),
              Timestamp.from(clock.instant()),
              user,
              current.key());
          return new Saved(get(current.key()), !Objects.equals(definition, current.definition()));
        });
  }

  /**
   * Deletes a segment and takes its key off every customer. That is the segment ceasing to exist,
   * not customers leaving it, so no segment_left events are recorded.
   *
   * @throws SegmentConflictException for a built-in or a segment other segments refer to
   */
  public void delete(String key) {
    Segment segment = get(key);
    if (segment.builtIn()) {
      throw new SegmentConflictException(
          "'" + segment.name() + "' is built in: edit its definition instead of deleting it");
    }
    List<String> users =
        all().stream()
            .filter(
                other ->
                    other.definition() != null
                        && CustomerQuery.segmentsReferred(other.definition())
                            .contains(segment.key()))
            .map(Segment::name)
            .toList();
    if (!users.isEmpty()) {
      throw new SegmentConflictException(
          "'" + segment.name() + "' is used in the definition of " + String.join(", ", users));
    }
    transactions.executeWithoutResult(
        status -> {
          jdbc.update(
              "update customers set segments = array_remove(segments, ?::text) where segments @>"
                  + " array[?::text]",
              segment.key(),
              segment.key());
          jdbc.update("delete from segments where segment_key = ?", segment.key());
        });
  }

  /**
   * Adds customers to a static segment (already added ones stay as they are); memberships follow
   * within moments.
   *
   * @return how many were not members before
   * @throws InvalidSegmentException when the segment is dynamic, there are too many or some
   *     customers do not exist (naming them)
   */
  public int addMembers(String key, Collection<UUID> customers, String user) {
    Segment segment = staticSegment(key, customers);
    UUID[] ids = customers.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
    return transactions.execute(
        status -> {
          List<UUID> known =
              jdbc.queryForList(
                  "select customer_uuid from customers where customer_uuid = any(?::uuid[])",
                  UUID.class,
                  (Object) ids);
          Set<UUID> unknown = new LinkedHashSet<>(List.of(ids));
          known.forEach(unknown::remove);
          if (!unknown.isEmpty()) {
            throw new InvalidSegmentException(
                List.of(
                    new FieldError(
                        "customers",
                        "has "
                            + unknown.size()
                            + " unknown customer(s): "
                            + unknown.stream().limit(10).map(UUID::toString).toList())));
          }
          return jdbc.update(
              "insert into segment_members (segment_key, customer_uuid, added_at, added_by)"
                  + " select ?, u, ?, ? from unnest(?::uuid[]) u on conflict do nothing",
              segment.key(),
              Timestamp.from(clock.instant()),
              user,
              ids);
        });
  }

  /**
   * Removes customers from a static segment; customers who were not members are ignored.
   *
   * @return how many were removed
   */
  public int removeMembers(String key, Collection<UUID> customers) {
    Segment segment = staticSegment(key, customers);
    UUID[] ids = customers.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
    return jdbc.update(
        "delete from segment_members where segment_key = ? and customer_uuid = any(?::uuid[])",
        segment.key(),
        ids);
  }

  private Segment staticSegment(String key, Collection<UUID> customers) {
    Segment segment = get(key);
    List<FieldError> errors = new ArrayList<>();
    if (segment.kind() != SegmentKind.STATIC) {
      errors.add(
          new FieldError(
              "kind",
              "'" + segment.name() + "' is dynamic: its query decides who is in it, not a list"));
    }
    if (customers == null || customers.isEmpty()) {
      errors.add(new FieldError("customers", "must list at least one customer uuid"));
    } else if (customers.size() > MAX_MEMBERS_PER_CHANGE) {
      errors.add(
          new FieldError(
              "customers",
              "may list at most " + MAX_MEMBERS_PER_CHANGE + ", had " + customers.size()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidSegmentException(errors);
    }
    return segment;
  }

  private void checkNameFree(String name, String key) {
    List<String> holders =
        jdbc.queryForList(
            "select segment_key from segments where lower(name) = lower(?) and segment_key <> ?",
            String.class,
            name,
            key);
    if (!holders.isEmpty()) {
      throw new SegmentConflictException(
          "The name '" + name + "' is taken by segment '" + holders.getFirst() + "'");
    }
  }

  private static String name(SegmentInput input, List<FieldError> errors) {
    String name = input.name() == null ? "" : input.name().strip();
    if (name.isEmpty()) {
      errors.add(new FieldError("name", "is required"));
    } else if (name.length() > MAX_NAME) {
      errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
    }
    return name;
  }

  private static String description(SegmentInput input, List<FieldError> errors) {
    String description = input.description() == null ? "" : input.description().strip();
    if (description.length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    return description;
  }

  private static SegmentKind kind(SegmentInput input, List<FieldError> errors) {
    if (input.kind() == null || input.kind().isBlank()) {
      return input.definition() == null || input.definition().isBlank()
          ? SegmentKind.STATIC
          : SegmentKind.DYNAMIC;
    }
    try {
      return SegmentKind.fromCode(input.kind());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("kind", e.getMessage()));
      return null;
    }
  }

  private static CustomerQuery definition(
      SegmentInput input, SegmentKind kind, List<FieldError> errors) {
    boolean given = input.definition() != null && !input.definition().isBlank();
    if (kind == SegmentKind.STATIC) {
      if (given) {
        errors.add(
            new FieldError("definition", "must be absent: a static segment is a list of members"));
      }
      return null;
    }
    if (!given) {
      if (kind == SegmentKind.DYNAMIC) {
        errors.add(new FieldError("definition", "is required for a dynamic segment"));
      }
      return null;
    }
    try {
      return parse(input.definition());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("definition", e.getMessage()));
      return null;
    }
  }

  /**
   * Reads a customer query from its JSON.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static CustomerQuery parse(String json) {
    try {
      CustomerQuery query = JSON.readValue(json, CustomerQuery.class);
      if (query == null) {
        throw new IllegalArgumentException("is not a customer query");
      }
      return query;
    } catch (JacksonException e) {
      // A node's own validation names the field, operator or value; prefer it to the parser's.
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
          throw new IllegalArgumentException("is not a valid query: " + invalid.getMessage(), e);
        }
      }
      throw new IllegalArgumentException("is not a valid query: " + e.getOriginalMessage(), e);
    }
  }

  /** Refuses definitions that refer to the segment itself, directly or through others. */
  private void checkReferences(String key, CustomerQuery definition, List<FieldError> errors) {
    Map<String, Set<String>> references = new HashMap<>();
    for (Segment segment : all()) {
      if (segment.definition() != null && !segment.key().equals(key)) {
        references.put(segment.key(), CustomerQuery.segmentsReferred(segment.definition()));
      }
    }
    references.put(key, CustomerQuery.segmentsReferred(definition));
    Deque<List<String>> paths = new ArrayDeque<>();
    paths.add(List.of(key));
    Set<String> seen = new HashSet<>();
    while (!paths.isEmpty()) {
      List<String> path = paths.poll();
      for (String next : references.getOrDefault(path.getLast(), Set.of())) {
        if (next.equals(key)) {
          List<String> cycle = new ArrayList<>(path);
          cycle.add(key);
          errors.add(
              new FieldError(
                  "definition", "refers back to this segment: " + String.join(" -> ", cycle)));
          return;
        }
        if (seen.add(next)) {
          List<String> longer = new ArrayList<>(path);
          longer.add(next);
          paths.add(longer);
        }
      }
    }
  }

  private static String key(String key) {
    return keyOf(key);
  }

  static Segment segment(ResultSet row, int index) throws SQLException {
    String definition = row.getString("definition");
    return new Segment(
        row.getString("segment_key"),
        row.getString("name"),
        row.getString("description"),
        SegmentKind.fromCode(row.getString("kind")),
        definition == null ? null : parse(definition),
        row.getBoolean("built_in"),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant(),
        row.getString("updated_by"));
  }
}
