package com.oxidly.domain.importing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsers for the cell types of the import format; each throws {@link InvalidValue} with why. */
public final class Values {

  private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";

  /**
   * RFC 5322 dot-atom addresses with a DNS domain (RFC 6531 letters allowed): what mail systems and
   * people use. Quoted local parts, comments and IP-literal domains are not accepted: in a customer
   * list they are typos far more often than real addresses.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})");

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
  private static final Map<String, String> ZONES = zones();
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  // Instants are handed to PostgreSQL as ISO text, which has no room for signed 5-digit years.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private Values() {}

  /** A lower-case, trimmed email address. */
  public static String email(String value) {
    String email = value.strip().toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    if (email.length() > 254 || at > 64 || !EMAIL.matcher(email).matches()) {
      throw new InvalidValue("'" + value + "' is not a valid email address");
    }
    return email;
  }

  /**
   * A decimal with at most {@code scale} decimal places, at least 0 and below {@code limit}, as
   * plain text. More decimals are refused rather than rounded: silently changing an amount is worse
   * than asking.
   */
  public static BigDecimal amount(String value, int scale, BigDecimal limit) {
    if (!DECIMAL.matcher(value).matches()) {
      throw new InvalidValue(
          "'" + value + "' is not a decimal number; write it like 1234.50 (dot, no separators)");
    }
    BigDecimal number = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
    if (number.signum() < 0) {
      throw new InvalidValue("must not be negative, was " + value);
    }
    number = number.stripTrailingZeros();
    if (number.scale() > scale) {
      throw new InvalidValue("'" + value + "' has more than " + scale + " decimal places");
    }
    if (number.compareTo(limit) >= 0) {
      throw new InvalidValue("'" + value + "' is too large; the limit is below " + limit);
    }
    return number.scale() < 0 ? number.setScale(0) : number;
  }

  /** An integer between {@code min} and {@code max}, inclusive. */
  public static int integer(String value, int min, int max) {
    if (!INTEGER.matcher(value).matches()) {
      throw new InvalidValue("'" + value + "' is not a whole number");
    }
    long number = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
    if (number < min || number > max) {
      throw new InvalidValue(
          "must be between "
              + min
              + " and "
              + (max == Integer.MAX_VALUE ? "2147483647" : max)
              + ", was "
              + value);
    }
    return (int) number;
  }

  /** true or false, in any case; nothing else, because "yes" or "1" are guesses. */
  public static boolean bool(String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new InvalidValue("'" + value + "' is not a boolean; expected true or false");
  }

  /** One of {@code allowed} (lower-case words), case-insensitively; returns the lower-case word. */
  public static String word(String value, List<String> allowed) {
    String word = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(word)) {
      throw new InvalidValue(
          "unknown value '" + value + "'; expected one of " + String.join(", ", allowed));
    }
    return word;
  }

  /**
   * An ISO-8601 date-time; without an offset it is UTC. A space may stand for the {@code T}, as
   * spreadsheets and databases write it. With {@code dateAllowed}, a plain date means its start in
   * UTC.
   */
  public static Instant instant(String value, boolean dateAllowed) {
    String text =
        value.length() > 10 && value.charAt(10) == ' '
            ? value.substring(0, 10) + 'T' + value.substring(11)
            : value;
    try {
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
      return parsed instanceof ZonedDateTime zoned
          ? zoned.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      if (dateAllowed) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException ignored) {
          // Reported below with the format that was expected.
        }
      }
    }
    throw new InvalidValue(
        "'"
            + value
            + "' is not an ISO-8601 "
            + (dateAllowed ? "date or date-time" : "date-time")
            + ", e.g. "
            + (dateAllowed ? "2026-03-01 or " : "")
            + "2026-03-01T14:30:00Z");
  }

  /** A BCP 47 language tag in its canonical case, e.g. de-DE; an underscore is read as a dash. */
  public static String language(String value) {
    try {
      Locale locale = new Locale.Builder().setLanguageTag(value.replace('_', '-')).build();
      String language = locale.getLanguage();
      // Two letters must be ISO 639-1; three (ISO 639-2/3) are taken on trust; longer language
      // subtags are syntactically allowed but never used, so "english" is a mistake.
      if (language.length() == 2 ? !LANGUAGES.contains(language) : language.length() != 3) {
        throw new InvalidValue("unknown language '" + value + "'");
      }
      return locale.toLanguageTag();
    } catch (IllformedLocaleException e) {
      throw new InvalidValue("'" + value + "' is not a BCP 47 language tag such as en or de-DE");
    }
  }

  /** An IANA zone id, matched case-insensitively, in its canonical spelling. */
  public static String zone(String value) {
    String zone = ZONES.get(value.toLowerCase(Locale.ROOT));
    if (zone == null) {
      throw new InvalidValue(
          "unknown time zone '" + value + "'; expected an IANA zone id such as America/New_York");
    }
    return zone;
  }

  /** An ISO 4217 currency code, upper-case. */
  public static String currency(String value) {
    if (CURRENCY.matcher(value).matches()) {
      String code = value.toUpperCase(Locale.ROOT);
      try {
        return Currency.getInstance(code).getCurrencyCode();
      } catch (IllegalArgumentException e) {
        // Reported below.
      }
    }
    throw new InvalidValue("unknown currency '" + value + "'; expected an ISO 4217 code like EUR");
  }

  /**
   * A phone number in E.164 form. National notations are read in {@code region} (an alpha-2
   * country, or null when the customer has none, in which case the number needs its +country code).
   */
  public static String phone(String value, String region) {
    try {
      PhoneNumber number = PHONES.parse(value, region == null ? "ZZ" : region);
      if (!PHONES.isValidNumber(number)) {
        throw new InvalidValue(
            "'"
                + value
                + "' is not a valid phone number"
                + (region == null ? "" : " for " + region));
      }
      return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      if (e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE) {
        throw new InvalidValue(
            "'"
                + value
                + "' has no country code: write it as +<country code> <number>, or give the"
                + " customer a country");
      }
      throw new InvalidValue(
          "'" + value + "' is not a valid phone number" + (region == null ? "" : " for " + region));
    }
  }

  /** {@code ;}-separated tags, stripped, without empty or repeated ones, in file order. */
  public static List<String> tags(String value) {
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : value.split(";")) {
      if (!tag.isBlank()) {
        tags.add(tag.strip());
      }
    }
    return new ArrayList<>(tags);
  }

  private static Map<String, String> zones() {
    Map<String, String> zones = new HashMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      zones.put(id.toLowerCase(Locale.ROOT), id);
    }
    return Map.copyOf(zones);
  }
}
