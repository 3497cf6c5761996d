package com.oxidly.domain.importing;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerStatus;
import com.oxidly.domain.importing.TableWriter.Outcome;
import com.oxidly.domain.importing.TableWriter.Written;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * customers.csv: upserts on email. Columns in the file are written as the file says (an empty cell
 * clears a nullable column); columns absent from the file are left as stored. Columns that cannot
 * be empty (timezone, status, signup_date, the opt-in flags) take their default on a new customer
 * and keep their stored value on an existing one when the cell is empty. A changed opt-in flag sets
 * its consent instant and adds a consent event with source "import".
 */
final class CustomerRows implements RowsApplier {

  private static final List<String> STATUSES =
      java.util.Arrays.stream(CustomerStatus.values()).map(CustomerStatus::code).toList();

  private static final List<String> CONSENT_CHANNELS = List.of("email", "sms", "push");
  private static final List<String> TEXT_COLUMNS =
      List.of("last_name", "city", "address", "postal_code", "referred_by");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public void apply(ChunkContext context, List<Row> rows) {
    Header header = context.header();
    // National phone numbers are read in the customer's country; when the file does not say it,
    // the stored one decides.
    Map<String, String> storedCountries = new LinkedHashMap<>();
    if (header.has("phone") && !header.has("country")) {
      context
          .jdbc()
          .query(
              "select email, country from customers where email = any (?::text[])",
              rs -> {
                storedCountries.put(rs.getString(1), rs.getString(2));
              },
              (Object) ChunkContext.validEmails(rows, "email").toArray(String[]::new));
    }
    Map<String, Integer> attributes = header.attributes();
    List<TableWriter.Prepared> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      RowCheck check = new RowCheck(row);
      String email = check.required("email", Values::email);
      String firstName = check.requiredText("first_name");
      String country = check.optional("country", Countries::alpha2);
      boolean countryKnown =
          !header.has("country") || row.get("country") == null || country != null;
      String region = header.has("country") ? country : storedCountries.get(email);
      // A bad country is reported once; the phone cannot be judged without it.
      String phone = countryKnown ? check.optional("phone", v -> Values.phone(v, region)) : null;
      Integer yearOfBirth =
          check.optional("year_of_birth", v -> Values.integer(v, 1900, context.currentYear()));
      String zone = check.optional("timezone", Values::zone);
      String status = check.optional("status", v -> Values.word(v, STATUSES));
      String language = check.optional("language", Values::language);
      Instant signup = check.optional("signup_date", v -> Values.instant(v, true));
      Boolean[] optIns = new Boolean[CONSENT_CHANNELS.size()];
      for (int c = 0; c < optIns.length; c++) {
        optIns[c] = check.optional(CONSENT_CHANNELS.get(c) + "_opt_in", Values::bool);
      }
      List<String> tags = check.optional("tags", Values::tags);
      String channel =
          check.optional("acquisition_channel", v -> Values.word(v, Customer.ACQUISITION_CHANNELS));
      if (!check.ok()) {
        context.reject(check);
        continue;
      }
      Inputs inputs =
          new Inputs()
              .both("email", email)
              .both("first_name", firstName)
              .both("phone", phone)
              .both("year_of_birth", yearOfBirth)
              .both("country", country)
              .both("language", language)
              .both("acquisition_channel", channel)
              .both("tags", Inputs.textArray(tags == null ? List.of() : tags))
              .keep("time_zone", zone, zone != null ? zone : Countries.mainZone(country))
              .keep("status", status, "active")
              .keep("signup_date", signup, context.importTime())
              .insertOnly("customer_uuid", UUID.randomUUID());
      for (String column : TEXT_COLUMNS) {
        inputs.both(column, check.text(column));
      }
      for (int c = 0; c < optIns.length; c++) {
        inputs.keep(CONSENT_CHANNELS.get(c) + "_opt_in", optIns[c], false);
      }
      if (!attributes.isEmpty()) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> unset = new ArrayList<>();
        attributes.forEach(
            (key, position) -> {
              String value = row.cell(position);
              if (value == null) {
                unset.add(key);
              } else {
                set.put(key, value);
              }
            });
        inputs.both("attr_set", JSON.writeValueAsString(set));
        inputs.both("attr_unset", Inputs.textArray(unset));
      }
      prepared.add(inputs.prepare(row, email));
    }
    List<Written> written = context.writer(spec(header)).write(prepared);
    context.count(written);
    recordConsentEvents(context, written);
  }

  private static TableWriter.Spec spec(Header header) {
    SpecBuilder spec =
        new SpecBuilder("customers")
            .key("email")
            .value("first_name", null)
            .insertOnly("customer_uuid", "i.customer_uuid::uuid", "customer_uuid")
            .insertOnly("created_at", "p.now")
            .insertOnly("updated_at", "p.now")
            .whenChanged("updated_at = p.now")
            // Spring Data JDBC's optimistic lock: an editor holding the old row must not win.
            .whenChanged("version = t.version + 1")
            .locked("customer_uuid");
    for (String column : TEXT_COLUMNS) {
      if (header.has(column)) {
        spec.value(column, null);
      }
    }
    if (header.has("phone")) {
      spec.value("phone", null);
    }
    if (header.has("year_of_birth")) {
      spec.value("year_of_birth", "integer");
    }
    if (header.has("country")) {
      spec.value("country", null);
    }
    if (header.has("language")) {
      spec.value("language", null);
    }
    if (header.has("acquisition_channel")) {
      spec.value("acquisition_channel", null);
    }
    if (header.has("tags")) {
      spec.value("tags", "text[]");
    }
    if (header.has("timezone")) {
      spec.keep("time_zone", null);
    } else {
      spec.insertOnly("time_zone", "i.time_zone", "time_zone");
    }
    if (header.has("status")) {
      spec.keep("status", null);
    }
    if (header.has("signup_date")) {
      spec.keep("signup_date", "timestamptz");
    } else {
      spec.insertOnly("signup_date", "i.signup_date::timestamptz", "signup_date");
    }
    for (String channel : CONSENT_CHANNELS) {
      String flag = channel + "_opt_in";
      if (header.has(flag)) {
        spec.keep(flag, "boolean")
            .locked(flag)
            .whenChanged(
                channel
                    + "_consent_at = case when coalesce(i."
                    + flag
                    + "::boolean, t."
                    + flag
                    + ") is distinct from t."
                    + flag
                    + " then p.now else t."
                    + channel
                    + "_consent_at end")
            .insertOnly(
                channel + "_consent_at", "case when i." + flag + "::boolean then p.now end");
      }
    }
    if (!header.attributes().isEmpty()) {
      // Merged: attributes not in the file stay; an empty attr_ cell removes its key.
      spec.custom(
          "attributes",
          "(t.attributes || i.attr_set::jsonb) - i.attr_unset::text[]",
          "i.attr_set::jsonb",
          "attr_set",
          "attr_unset");
    }
    return spec.build();
  }

  private static void recordConsentEvents(ChunkContext context, List<Written> written) {
    List<Object[]> events = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.ofInstant(context.now(), ZoneOffset.UTC);
    for (Written row : written) {
      if (row.outcome() == Outcome.UNCHANGED) {
        continue;
      }
      for (String channel : CONSENT_CHANNELS) {
        String flag = channel + "_opt_in";
        if (row.outcome() == Outcome.INSERTED) {
          // A new customer starts opted out; only an opt-in is a change worth an event.
          if ("true".equals(row.row().insert().get(flag))) {
            events.add(
                new Object[] {
                  UUID.fromString(row.row().insert().get("customer_uuid")), channel, true, now
                });
          }
        } else {
          String given = row.row().update().get(flag);
          Object before = row.before().get(flag);
          if (given != null && before != null && Boolean.parseBoolean(given) != (Boolean) before) {
            events.add(
                new Object[] {
                  row.before().get("customer_uuid"), channel, Boolean.parseBoolean(given), now
                });
          }
        }
      }
    }
    if (!events.isEmpty()) {
      context
          .jdbc()
          .batchUpdate(
              "insert into consent_events (customer_uuid, channel, opted_in, source, occurred_at)"
                  + " values (?, ?, ?, 'import', ?)",
              events);
    }
  }
}
