package com.oxidly.domain.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Customer properties a query can test directly. Text comparisons ignore case and accents; {@link
 * #NAME} matches first or last name; {@link #AGE} is the current year minus year of birth.
 */
public enum CustomerField {
  EMAIL("email", ValueType.TEXT),
  EMAIL_DOMAIN("email domain", ValueType.TEXT),
  FIRST_NAME("first name", ValueType.TEXT),
  LAST_NAME("last name", ValueType.TEXT),
  NAME("name", ValueType.TEXT),
  CITY("city", ValueType.TEXT),
  COUNTRY("country", ValueType.TEXT),
  STATUS("status", ValueType.TEXT),
  LANGUAGE("language", ValueType.TEXT),
  TIME_ZONE("time zone", ValueType.TEXT),
  ACQUISITION_CHANNEL("acquisition channel", ValueType.TEXT),
  REFERRED_BY("referred by", ValueType.TEXT),
  PERSONA("persona", ValueType.TEXT),
  TAGS("tags", ValueType.WORDS),
  YEAR_OF_BIRTH("year of birth", ValueType.NUMBER),
  AGE("age", ValueType.NUMBER),
  SIGNUP_DATE("signed up", ValueType.INSTANT),
  EMAIL_OPT_IN("subscribed to email", ValueType.BOOLEAN),
  SMS_OPT_IN("subscribed to SMS", ValueType.BOOLEAN),
  PUSH_OPT_IN("subscribed to push", ValueType.BOOLEAN),
  TOTAL_SPENT("total spent", ValueType.NUMBER),
  ORDER_COUNT("orders", ValueType.NUMBER),
  FIRST_ORDER_AT("first order", ValueType.INSTANT),
  LAST_ORDER_AT("last order", ValueType.INSTANT),
  AVERAGE_ORDER_VALUE("average order value", ValueType.NUMBER),
  ENGAGEMENT_SCORE("engagement", ValueType.NUMBER),
  SENTIMENT_SCORE("sentiment", ValueType.NUMBER),
  PREDICTED_CLV("predicted CLV", ValueType.NUMBER),
  P_ALIVE("P(alive)", ValueType.NUMBER);

  private final String label;
  private final ValueType type;

  CustomerField(String label, ValueType type) {
    this.label = label;
    this.type = type;
  }

  /** How the field reads in the interpretation shown to marketers. */
  public String label() {
    return label;
  }

  public ValueType type() {
    return type;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static CustomerField fromCode(String code) {
    return Arrays.stream(values())
        .filter(field -> field.code().equalsIgnoreCase(code == null ? "" : code.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown field '"
                        + code
                        + "'; expected one of "
                        + Arrays.stream(values()).map(CustomerField::code).toList()));
  }
}
