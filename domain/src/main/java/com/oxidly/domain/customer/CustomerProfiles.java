package com.oxidly.domain.customer;

import com.oxidly.domain.importing.Countries;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, changes and erases customer profiles one at a time, as the API and the customer
 * dashboard do. Fields are validated like customers.csv (see {@link ProfileInput}); the derived
 * metrics are never written here. Every write bumps the optimistic-lock version and reaches the
 * search index through the outbox triggers, like any other change.
 */
@Service
public class CustomerProfiles {

  private static final List<String> CONSENT_CHANNELS = List.of("email", "sms", "push");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NamedParameterJdbcTemplate jdbc;
  private final CustomerRepository customers;
  private final Clock clock;

  CustomerProfiles(NamedParameterJdbcTemplate jdbc, CustomerRepository customers, Clock clock) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.clock = clock;
  }

  /**
   * Creates a customer. {@code email} and {@code firstName} are required; {@code timeZone} defaults
   * to the country's main zone, {@code status} to active, {@code signupDate} to now and the opt-ins
   * to false. Given opt-ins are recorded as consent events with source "api".
   *
   * @param fields property name (as in {@link Customer}) to JSON value
   * @throws InvalidCustomerException naming every bad field
   * @throws EmailInUseException when the email belongs to another customer
   */
  @Transactional
  public Customer create(Map<String, Object> fields) {
    Instant now = clock.instant();
    ProfileInput input = new ProfileInput(fields, null, currentYear(now));
    if (!input.errors().isEmpty()) {
      throw new InvalidCustomerException(input.errors());
    }
    Map<String, Object> values = new LinkedHashMap<>(input.values());
    String email = (String) values.get("email");
    customers
        .findByEmail(email)
        .ifPresent(
            existing -> {
              throw new EmailInUseException(email, existing.customerUuid());
            });
    UUID id = UUID.randomUUID();
    values.putIfAbsent("time_zone", Countries.mainZone((String) values.get("country")));
    values.putIfAbsent("status", CustomerStatus.ACTIVE.code());
    values.putIfAbsent("signup_date", now);
    Map<String, Object> attributes = attributeChanges(values.remove("attributes")).set();
    values.put("attributes", attributes);
    List<String> consentGiven = new ArrayList<>();
    for (String channel : CONSENT_CHANNELS) {
      if (Boolean.TRUE.equals(values.get(channel + "_opt_in"))) {
        values.put(channel + "_consent_at", now);
        consentGiven.add(channel);
      }
    }
    values.put("customer_uuid", id);
    values.put("created_at", now);
    values.put("updated_at", now);
    MapSqlParameterSource parameters = new MapSqlParameterSource();
    List<String> columns = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    values.forEach(
        (column, value) -> {
          columns.add(column);
          expressions.add(bind(parameters, column, value));
        });
    try {
      jdbc.update(
          "insert into customers ("
              + String.join(", ", columns)
              + ") values ("
              + String.join(", ", expressions)
              + ")",
          parameters);
    } catch (DuplicateKeyException raced) {
      UUID other = customers.findByEmail(email).map(Customer::customerUuid).orElse(null);
      throw new EmailInUseException(email, other);
    }
    for (String channel : consentGiven) {
      recordConsent(id, channel, true, now);
    }
    return customers.findById(id).orElseThrow();
  }

  /**
   * Changes the given fields of a customer (JSON merge patch semantics: a property set to null is
   * cleared, {@code attributes} are merged key by key, absent properties stay). Fields set to what
   * they already hold change nothing; when nothing changes, no version is spent. A changed opt-in
   * sets its consent time and records a consent event with source "api".
   *
   * @param expectedVersion the version the client read, or null to change whatever is stored
   * @throws NoSuchElementException when there is no such customer
   * @throws InvalidCustomerException naming every bad field
   * @throws EmailInUseException when the new email belongs to another customer
   * @throws StaleCustomerException when {@code expectedVersion} is not the stored version
   */
  @Transactional
  public Customer update(UUID customerUuid, Map<String, Object> fields, Integer expectedVersion) {
    Integer locked =
        jdbc.query(
            "select version from customers where customer_uuid = :id for update",
            Map.of("id", customerUuid),
            rs -> rs.next() ? rs.getInt(1) : null);
    if (locked == null) {
      throw new NoSuchElementException("No customer " + customerUuid);
    }
    if (expectedVersion != null && !expectedVersion.equals(locked)) {
      throw new StaleCustomerException(expectedVersion, locked);
    }
    Customer stored = customers.findById(customerUuid).orElseThrow();
    Instant now = clock.instant();
    ProfileInput input = new ProfileInput(fields, stored, currentYear(now));
    if (!input.errors().isEmpty()) {
      throw new InvalidCustomerException(input.errors());
    }
    Map<String, Object> changes = new LinkedHashMap<>();
    input
        .values()
        .forEach(
            (column, value) -> {
              if (!column.equals("attributes") && !Objects.equals(value, current(stored, column))) {
                changes.put(column, value);
              }
            });
    String email = (String) changes.get("email");
    if (email != null) {
      customers
          .findByEmail(email)
          .filter(other -> !other.customerUuid().equals(customerUuid))
          .ifPresent(
              other -> {
                throw new EmailInUseException(email, other.customerUuid());
              });
    }
    MapSqlParameterSource parameters = new MapSqlParameterSource("id", customerUuid);
    List<String> assignments = new ArrayList<>();
    changes.forEach(
        (column, value) -> assignments.add(column + " = " + bind(parameters, column, value)));
    if (input.values().containsKey("attributes")) {
      AttributeChanges attributes = attributeChanges(input.values().get("attributes"));
      Map<String, Object> merged = attributes.applyTo(stored.attributes());
      if (!merged.equals(stored.attributes() == null ? Map.of() : stored.attributes())) {
        assignments.add("attributes = " + bind(parameters, "attributes", merged));
      }
    }
    if (assignments.isEmpty()) {
      return stored;
    }
    List<String> consentChanged = new ArrayList<>();
    for (String channel : CONSENT_CHANNELS) {
      if (changes.containsKey(channel + "_opt_in")) {
        assignments.add(channel + "_consent_at = :now");
        consentChanged.add(channel);
      }
    }
    parameters.addValue("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    try {
      jdbc.update(
          "update customers set "
              + String.join(", ", assignments)
              + ", updated_at = :now, version = version + 1 where customer_uuid = :id",
          parameters);
    } catch (DuplicateKeyException raced) {
      throw new EmailInUseException(
          email, customers.findByEmail(email).map(Customer::customerUuid).orElse(null));
    }
    for (String channel : consentChanged) {
      recordConsent(customerUuid, channel, (Boolean) changes.get(channel + "_opt_in"), now);
    }
    return customers.findById(customerUuid).orElseThrow();
  }

  /**
   * Adds and removes tags and sets custom attributes, as journeys and bulk actions do. A set
   * operation: repeating it changes nothing (and writes nothing), so it is safe to retry.
   *
   * @return false when there was no such customer or nothing changed
   */
  @Transactional
  public boolean adjustTags(
      UUID customerUuid,
      List<String> addTags,
      List<String> removeTags,
      Map<String, String> attributes) {
    MapSqlParameterSource parameters =
        new MapSqlParameterSource()
            .addValue("id", customerUuid)
            .addValue("add", JSON.writeValueAsString(addTags == null ? List.of() : addTags))
            .addValue(
                "remove", JSON.writeValueAsString(removeTags == null ? List.of() : removeTags))
            .addValue(
                "attributes", JSON.writeValueAsString(attributes == null ? Map.of() : attributes));
    return jdbc.update(
            """
            with wanted as (
              select c.customer_uuid,
                     coalesce((select array_agg(distinct t order by t)
                                 from unnest(c.tags || array(
                                        select jsonb_array_elements_text(cast(:add as jsonb)))) t
                                where t <> all(array(
                                        select jsonb_array_elements_text(cast(:remove as jsonb))))),
                              '{}') as tags,
                     c.attributes || cast(:attributes as jsonb) as attributes
                from customers c where c.customer_uuid = :id)
            update customers c
               set tags = w.tags, attributes = w.attributes, updated_at = now(),
                   version = c.version + 1
              from wanted w
             where c.customer_uuid = w.customer_uuid
               and (c.tags is distinct from w.tags or c.attributes is distinct from w.attributes)\
            """,
            parameters)
        > 0;
  }

  /**
   * Erases a customer with everything that hangs off it (orders and their items, reviews,
   * interactions, consent history); the index drops it through the outbox.
   *
   * @return false when there was no such customer
   */
  @Transactional
  public boolean delete(UUID customerUuid) {
    return jdbc.update(
            "delete from customers where customer_uuid = :id", Map.of("id", customerUuid))
        > 0;
  }

  /**
   * Sets the status of many customers with one statement, as bulk actions do; customers who have it
   * already are left as they are (no version spent).
   *
   * @return how many changed
   */
  @Transactional
  public int changeStatus(Collection<UUID> customerUuids, CustomerStatus status) {
    return jdbc.update(
        "update customers set status = :status, updated_at = :now, version = version + 1"
            + " where customer_uuid = any(cast(:ids as uuid[])) and status <> :status",
        new MapSqlParameterSource()
            .addValue("status", status.code())
            .addValue("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .addValue("ids", uuidArray(customerUuids)));
  }

  /**
   * Adds a tag to many customers (or, with {@code add} false, removes it) with one statement; a
   * customer who already has it (or has not) is left as they are. Tags compare ignoring case, as
   * queries do.
   *
   * @return how many changed
   */
  @Transactional
  public int changeTag(Collection<UUID> customerUuids, String tag, boolean add) {
    MapSqlParameterSource parameters =
        new MapSqlParameterSource()
            .addValue("tag", tag)
            .addValue("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .addValue("ids", uuidArray(customerUuids));
    String has = "exists (select 1 from unnest(tags) t where lower(t) = lower(:tag))";
    return jdbc.update(
        add
            ? "update customers set tags = array_append(coalesce(tags, '{}'), cast(:tag as text)),"
                + " updated_at = :now, version = version + 1"
                + " where customer_uuid = any(cast(:ids as uuid[])) and not "
                + has
            : "update customers set tags = array(select t from unnest(tags) t"
                + " where lower(t) <> lower(:tag)), updated_at = :now, version = version + 1"
                + " where customer_uuid = any(cast(:ids as uuid[])) and "
                + has,
        parameters);
  }

  /**
   * Erases many customers like {@link #delete}, with one statement.
   *
   * @return how many were erased (customers already gone are not counted)
   */
  @Transactional
  public int deleteAll(Collection<UUID> customerUuids) {
    return jdbc.update(
        "delete from customers where customer_uuid = any(cast(:ids as uuid[]))",
        Map.of("ids", uuidArray(customerUuids)));
  }

  /** Which of these customers exist. */
  public Set<UUID> existing(Collection<UUID> customerUuids) {
    return new HashSet<>(
        jdbc.queryForList(
            "select customer_uuid from customers where customer_uuid = any(cast(:ids as uuid[]))",
            Map.of("ids", uuidArray(customerUuids)),
            UUID.class));
  }

  private static UUID[] uuidArray(Collection<UUID> customerUuids) {
    return customerUuids.stream().distinct().toArray(UUID[]::new);
  }

  private void recordConsent(UUID customerUuid, String channel, boolean optedIn, Instant at) {
    jdbc.update(
        "insert into consent_events (customer_uuid, channel, opted_in, source, occurred_at)"
            + " values (:id, :channel, :optedIn, 'api', :at)",
        new MapSqlParameterSource()
            .addValue("id", customerUuid)
            .addValue("channel", channel)
            .addValue("optedIn", optedIn)
            .addValue("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
  }

  private static String bind(MapSqlParameterSource parameters, String column, Object value) {
    return switch (value) {
      case Instant instant -> {
        parameters.addValue(column, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        yield ":" + column;
      }
      case List<?> list -> {
        parameters.addValue(column, JSON.writeValueAsString(list));
        yield "array(select jsonb_array_elements_text(cast(:" + column + " as jsonb)))";
      }
      case Map<?, ?> map -> {
        parameters.addValue(column, JSON.writeValueAsString(map));
        yield "cast(:" + column + " as jsonb)";
      }
      case null, default -> {
        parameters.addValue(column, value);
        yield ":" + column;
      }
    };
  }

  private static Object current(Customer customer, String column) {
    return switch (column) {
      case "email" -> customer.email();
      case "first_name" -> customer.firstName();
      case "last_name" -> customer.lastName();
      case "phone" -> customer.phone();
      case "year_of_birth" -> customer.yearOfBirth();
      case "country" -> customer.country();
      case "city" -> customer.city();
      case "address" -> customer.address();
      case "postal_code" -> customer.postalCode();
      case "time_zone" -> customer.timeZone();
      case "status" -> customer.status() == null ? null : customer.status().code();
      case "language" -> customer.language();
      case "signup_date" -> customer.signupDate();
      case "email_opt_in" -> customer.emailOptIn();
      case "sms_opt_in" -> customer.smsOptIn();
      case "push_opt_in" -> customer.pushOptIn();
      case "tags" -> customer.tags() == null ? List.of() : customer.tags();
      case "acquisition_channel" -> customer.acquisitionChannel();
      case "referred_by" -> customer.referredBy();
      default -> throw new IllegalArgumentException("not an editable column: " + column);
    };
  }

  @SuppressWarnings("unchecked")
  private static AttributeChanges attributeChanges(Object given) {
    return new AttributeChanges(given == null ? null : (Map<String, Object>) given);
  }

  /**
   * @param patch keys to set (non-null values) or remove (null values); null itself clears all
   */
  private record AttributeChanges(Map<String, Object> patch) {

    Map<String, Object> set() {
      return applyTo(Map.of());
    }

    Map<String, Object> applyTo(Map<String, Object> stored) {
      if (patch == null) {
        return Map.of();
      }
      Map<String, Object> merged = new LinkedHashMap<>(stored == null ? Map.of() : stored);
      patch.forEach(
          (key, value) -> {
            if (value == null) {
              merged.remove(key);
            } else {
              merged.put(key, value);
            }
          });
      return merged;
    }
  }

  private int currentYear(Instant now) {
    return now.atZone(ZoneOffset.UTC).getYear();
  }
}
