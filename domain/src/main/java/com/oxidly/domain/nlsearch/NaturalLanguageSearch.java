package com.oxidly.domain.nlsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.oxidly.domain.ai.JsonRequest;
import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.ai.LanguageModelException;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.time.StoreTimeZone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a marketer's sentence as a customer query. The local parser always reads it (it is fast and
 * needs nothing); when a language model is configured, the model's reading is used instead, after
 * validation like any user input. An invalid model answer, an error or a timeout falls back to the
 * local reading with a notice saying so.
 */
@Service
public class NaturalLanguageSearch {

  /** Longest search accepted. */
  public static final int MAX_LENGTH = 500;

  /** How long the store's vocabulary (cities, products, segments) is reused before a reload. */
  static final Duration VOCABULARY_AGE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(NaturalLanguageSearch.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final LanguageModel model;
  private final Clock clock;
  private final StoreTimeZone storeZone;
  private final CustomerSearchParser parser = new CustomerSearchParser();
  private final AtomicBoolean reloading = new AtomicBoolean();
  private volatile Loaded vocabulary;

  NaturalLanguageSearch(
      JdbcTemplate jdbc, LanguageModel model, Clock clock, StoreTimeZone storeZone) {
    this.jdbc = jdbc;
    this.model = model;
    this.clock = clock;
    this.storeZone = storeZone;
  }

  /**
   * How a search was read.
   *
   * @param source {@code local} (the parser) or {@code model} (the language model)
   * @param notice why the local parser answered although a model is configured; null otherwise
   */
  public record Reading(Interpretation interpretation, String source, String notice) {}

  private record Loaded(StoreVocabulary vocabulary, Instant at) {}

  /** What the model answers, in {@link QueryTreeSchema}'s shape. */
  record ModelReading(
      CustomerQuery query,
      List<String> ignored,
      @JsonProperty("free_text") List<String> freeText) {}

  /**
   * Reads {@code text}; blank text means every customer.
   *
   * @throws IllegalArgumentException when the text is longer than {@value #MAX_LENGTH} characters
   */
  public Reading read(String text) {
    String sentence = text == null ? "" : text.strip();
    if (sentence.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "q is " + sentence.length() + " characters long; at most " + MAX_LENGTH + " are read");
    }
    StoreVocabulary words = vocabulary();
    Interpretation local = parser.parse(sentence, words, clock, storeZone.zone());
    if (!model.configured() || sentence.isEmpty()) {
      return new Reading(local, "local", null);
    }
    String answer;
    try {
      answer =
          model.json(
              new JsonRequest(
                  QueryTreeSchema.NAME, instructions(words), sentence, QueryTreeSchema.schema()));
    } catch (LanguageModelException e) {
      log.warn("Language model failed on a search, the local parser answers: {}", e.getMessage());
      return new Reading(
          local, "local", e.getMessage() + "; the local parser read the search instead");
    }
    try {
      ModelReading reading = JSON.readValue(answer, ModelReading.class);
      if (reading == null || reading.query() == null) {
        throw new IllegalArgumentException("the answer has no query");
      }
      return new Reading(
          new Interpretation(
              reading.query(),
              ReadableQuery.render(reading.query()),
              reading.ignored(),
              reading.freeText()),
          "model",
          null);
    } catch (JacksonException | IllegalArgumentException e) {
      log.warn("Language model answered an invalid query: {}", e.getMessage());
      return new Reading(
          local,
          "local",
          "the language model's reading was not a valid query; the local parser read the search"
              + " instead");
    }
  }

  /** Forgets the cached vocabulary, so the next search sees new cities and products at once. */
  public void refreshVocabulary() {
    vocabulary = null;
  }

  private StoreVocabulary vocabulary() {
    Loaded loaded = vocabulary;
    if (loaded == null) {
      synchronized (this) {
        if (vocabulary == null) {
          vocabulary = new Loaded(StoreVocabulary.load(jdbc), clock.instant());
        }
        return vocabulary.vocabulary();
      }
    }
    if (Duration.between(loaded.at(), clock.instant()).compareTo(VOCABULARY_AGE) > 0
        && reloading.compareAndSet(false, true)) {
      // Searches keep the old words meanwhile: a new city is seconds late, never a search slow.
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  vocabulary = new Loaded(StoreVocabulary.load(jdbc), clock.instant());
                } catch (RuntimeException e) {
                  log.warn("Could not reload the search vocabulary: {}", e.getMessage());
                } finally {
                  reloading.set(false);
                }
              });
    }
    return loaded.vocabulary();
  }

  private String instructions(StoreVocabulary words) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), storeZone.zone());
    return """
    You turn a marketer's search for customers of an online store into a customer query tree.
    Today is %s; calendar words are calendar periods in the store's time zone %s.
    Rules (they are a contract):
    - "last month" = calendar window MONTH offset -1; "this month" = offset 0; "last week" =
      the previous ISO week; "in the last N days" / "in the past N months" = rolling window.
    - Counted orders exclude cancelled and refunded. "spent over X" = spent gt X; "at least" =
      gte; "under/less than/below" = lt (includes customers without orders); "between X and Y"
      = between, inclusive. Amounts like $500, 1.5k, 1,500 are plain numbers.
    - "never ordered" = order_count eq 0; "hasn't ordered in 90 days" = not(order_count gt 0
      in a rolling 90-day window).
    - "bought <product or category>" = bought with that term.
    - A city name is the city field, a country name or code the country field (ISO alpha-2
      code, e.g. US); "New York" is a city. "under 30" = age lt 30; "in their 20s" = age
      between 20 and 29; "born in the 80s" = year_of_birth between 1980 and 1989.
    - Status words: active, inactive, suspended, banned. "new customers" = during
      signup_date in a rolling 30-day window. "subscribed to SMS" = sms_opt_in eq true.
    - "gmail users" = email_domain eq gmail.com; "named Smith" = name eq smith.
    - "left a 1-star review" = reviewed with rating eq 1; "with negative reviews" = reviewed
      with sentiment negative; "unhappy customers" = sentiment_score lt 0; "with open
      tickets" = interacted support_ticket with statuses open and pending.
    - Named segments: %s.
    - "and", "who", "with", "that" join required conditions; "or" gives either.
    - Words describing what customers wrote ("complained about late delivery", "loves
      espresso") go to free_text, not into the query. Words you cannot use go to ignored.
      Fillers ("show me", "customers", "please") go nowhere. With no condition, the query is
      {"type": "all"}.
    Fields: %s.
    Cities of this store (city, country): %s.
    Product categories: %s.
    Common email domains: %s.
    """
        .formatted(
            today,
            storeZone.zone(),
            String.join(", ", words.segments()),
            Arrays.stream(CustomerField.values())
                .map(CustomerField::code)
                .collect(Collectors.joining(", ")),
            words.cities().stream()
                .limit(300)
                .map(city -> city.name() + " (" + city.country() + ")")
                .collect(Collectors.joining(", ")),
            String.join(", ", words.categories()),
            words.emailDomains().stream().limit(30).collect(Collectors.joining(", ")));
  }
}
