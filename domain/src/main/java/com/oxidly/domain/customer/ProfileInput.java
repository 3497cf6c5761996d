package com.oxidly.domain.customer;

import com.oxidly.domain.importing.Countries;
import com.oxidly.domain.importing.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Profile fields as a client sends them in JSON (property names of {@link Customer}), checked with
 * the same rules as customers.csv, so the API accepts exactly what an import accepts. Collects an
 * error per bad field instead of stopping at the first.
 */
final class ProfileInput {

  /** Longest text a free-text field takes; longer values are refused, never cut. */
  static final int MAX_TEXT = 500;

  /** Editable properties and their columns, in the order errors are reported. */
  static final Map<String, String> COLUMNS = columns();

  private static final Set<String> ASSIGNED =
      Set.of(
          "customerUuid",
          "totalSpent",
          "orderCount",
          "firstOrderAt",
          "lastOrderAt",
          "averageOrderValue",
          "engagementScore",
          "sentimentScore",
          "predictedClv",
          "pAlive",
          "persona",
          "segments",
          "createdAt",
          "updatedAt",
          "version",
          "emailConsentAt",
          "smsConsentAt",
          "pushConsentAt");

  private static final Set<String> REQUIRED = Set.of("email", "firstName");
  private static final Set<String> NOT_NULL =
      Set.of(
          "email",
          "firstName",
          "timeZone",
          "status",
          "signupDate",
          "emailOptIn",
          "smsOptIn",
          "pushOptIn");

  private final Map<String, Object> given;
  private final Customer stored;
  private final int currentYear;
  private final List<FieldError> errors = new ArrayList<>();

  /** Column -> new value (Strings, Integer, Boolean, Instant, tag List, attribute Map). */
  private final Map<String, Object> values = new LinkedHashMap<>();

  /**
   * @param stored the customer being changed, or null when creating one
   */
  ProfileInput(Map<String, Object> given, Customer stored, int currentYear) {
    this.given = given;
    this.stored = stored;
    this.currentYear = currentYear;
    read();
  }

  List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Validated values by column, for the properties given. */
  Map<String, Object> values() {
    return values;
  }

  private void read() {
    Set<String> unknown = new TreeSet<>();
    for (String property : given.keySet()) {
      if (ASSIGNED.contains(property)) {
        errors.add(
            new FieldError(property, "is maintained by Oxidly and cannot be set through the API"));
      } else if (!COLUMNS.containsKey(property)) {
        unknown.add(property);
      }
    }
    for (String property : unknown) {
      errors.add(
          new FieldError(
              property, "is not a customer field; editable fields are " + COLUMNS.keySet()));
    }
    if (stored == null) {
      for (String property : REQUIRED) {
        if (given.get(property) == null && !given.containsKey(property)) {
          errors.add(new FieldError(property, "is required"));
        }
      }
    }
    text("email", Values::email);
    text("firstName", Function.identity());
    for (String property : List.of("lastName", "city", "address", "postalCode", "referredBy")) {
      text(property, Function.identity());
    }
    text("country", Countries::alpha2);
    // National phone numbers are read in the customer's country: the new one, else the stored one.
    String region =
        given.containsKey("country")
            ? (String) values.get("country")
            : stored == null ? null : stored.country();
    if (!given.containsKey("country") || values.containsKey("country")) {
      text("phone", phone -> Values.phone(phone, region));
    }
    text("timeZone", Values::zone);
    text("status", status -> CustomerStatus.fromCode(status).code());
    text("language", Values::language);
    text("acquisitionChannel", channel -> Values.word(channel, Customer.ACQUISITION_CHANNELS));
    text("signupDate", date -> Values.instant(date, true));
    yearOfBirth();
    for (String property : List.of("emailOptIn", "smsOptIn", "pushOptIn")) {
      flag(property);
    }
    tags();
    attributes();
  }

  private <T> void text(String property, Function<String, T> parser) {
    if (!given.containsKey(property)) {
      return;
    }
    Object value = given.get(property);
    if (value == null || (value instanceof String s && s.isBlank())) {
      set(property, null);
      return;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError(property, "must be a string, was " + describe(value)));
      return;
    }
    if (text.length() > MAX_TEXT) {
      errors.add(new FieldError(property, "is longer than " + MAX_TEXT + " characters"));
      return;
    }
    try {
      set(property, parser.apply(text.strip()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(property, e.getMessage()));
    }
  }

  private void yearOfBirth() {
    if (!given.containsKey("yearOfBirth")) {
      return;
    }
    Object value = given.get("yearOfBirth");
    if (value == null) {
      set("yearOfBirth", null);
      return;
    }
    String text =
        value instanceof Number number ? new BigDecimal(number.toString()).toPlainString() : null;
    if (text == null) {
      errors.add(new FieldError("yearOfBirth", "must be a number, was " + describe(value)));
      return;
    }
    try {
      set("yearOfBirth", Values.integer(text, 1900, currentYear));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("yearOfBirth", e.getMessage()));
    }
  }

  private void flag(String property) {
    if (!given.containsKey(property)) {
      return;
    }
    Object value = given.get(property);
    if (value instanceof Boolean flag) {
      set(property, flag);
    } else if (value == null) {
      set(property, null);
    } else {
      errors.add(new FieldError(property, "must be true or false, was " + describe(value)));
    }
  }

  private void tags() {
    if (!given.containsKey("tags")) {
      return;
    }
    Object value = given.get("tags");
    if (value == null) {
      values.put("tags", List.of());
      return;
    }
    if (!(value instanceof List<?> list)) {
      errors.add(new FieldError("tags", "must be a list of strings, was " + describe(value)));
      return;
    }
    Set<String> tags = new LinkedHashSet<>();
    for (Object tag : list) {
      if (!(tag instanceof String text)) {
        errors.add(new FieldError("tags", "must hold only strings, found " + describe(tag)));
        return;
      }
      if (text.length() > MAX_TEXT || text.contains(";")) {
        errors.add(
            new FieldError(
                "tags", "'" + text + "' must be at most " + MAX_TEXT + " characters without ';'"));
        return;
      }
      if (!text.isBlank()) {
        tags.add(text.strip());
      }
    }
    values.put("tags", List.copyOf(tags));
  }

  /** A JSON merge patch of the attributes: keys set to null are removed, others set. */
  private void attributes() {
    if (!given.containsKey("attributes")) {
      return;
    }
    Object value = given.get("attributes");
    if (value == null) {
      values.put("attributes", null);
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      errors.add(new FieldError("attributes", "must be an object, was " + describe(value)));
      return;
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object attribute = entry.getValue();
      if (attribute != null
          && !(attribute instanceof String
              || attribute instanceof Number
              || attribute instanceof Boolean)) {
        errors.add(
            new FieldError(
                "attributes." + entry.getKey(),
                "must be a string, number, boolean or null, was " + describe(attribute)));
        continue;
      }
      attributes.put(Objects.toString(entry.getKey()), attribute);
    }
    values.put("attributes", attributes);
  }

  private void set(String property, Object value) {
    if (value == null && NOT_NULL.contains(property)) {
      errors.add(new FieldError(property, "cannot be empty"));
      return;
    }
    values.put(COLUMNS.get(property), value);
  }

  private static String describe(Object value) {
    return switch (value) {
      case String s -> "the string \"" + s + "\"";
      case Map<?, ?> m -> "an object";
      case List<?> l -> "a list";
      case Instant i -> i.toString();
      default -> String.valueOf(value);
    };
  }

  private static Map<String, String> columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String property :
        List.of(
            "email",
            "firstName",
            "lastName",
            "phone",
            "yearOfBirth",
            "country",
            "city",
            "address",
            "postalCode",
            "timeZone",
            "status",
            "language",
            "signupDate",
            "emailOptIn",
            "smsOptIn",
            "pushOptIn",
            "tags",
            "acquisitionChannel",
            "referredBy",
            "attributes")) {
      columns.put(
          property, property.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
    }
    return java.util.Collections.unmodifiableMap(columns);
  }
}
