package com.oxidly.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored reviews and interactions get their sentiment, customers the recency-weighted average. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredTextSentimentsTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestDatabase database;
  private JdbcTemplate db;
  private StoredTextSentiments stored;
  private final UUID writer = UUID.randomUUID();
  private final UUID silent = UUID.randomUUID();

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_stored_sentiment_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    db = database.jdbc();
    SentimentService service = new SentimentService(db, LanguageModelTestAccess.none(), CLOCK);
    stored = new StoredTextSentiments(db, service, CLOCK, Duration.ofDays(90));
  }

  @AfterAll
  void dropDatabase() {
    database.drop();
  }

  @BeforeEach
  void store() {
    db.update("delete from customers");
    db.update("delete from products");
    db.update(
        "insert into products (sku, name, category, price) values ('K-1', 'Kettle', 'Kitchen',"
            + " 30)");
    for (UUID customer : new UUID[] {writer, silent}) {
      db.update(
          "insert into customers (customer_uuid, email, first_name, signup_date) values (?, ?, 'A',"
              + " now())",
          customer,
          customer + "@example.com");
    }
    review("r-new", "Love it", "Works great, five stars!", NOW.minus(Duration.ofDays(0)));
    review("r-old", "Broken", "Stopped working after a week.", NOW.minus(Duration.ofDays(90)));
    review("r-empty", null, null, NOW);
    db.update(
        "insert into interactions (interaction_id, customer_uuid, type, subject, body, created_at)"
            + " values ('i-1', ?, 'support_ticket', 'Order 123', 'Where is my parcel?', ?)",
        writer,
        Timestamp.from(NOW.minus(Duration.ofDays(30))));
  }

  @Test
  void everyTextIsScoredAndEachCustomerGetsTheRecencyWeightedAverage() {
    StoredTextSentiments.Refresh refresh = stored.refresh();

    assertThat(refresh.reviewsScored()).isEqualTo(2);
    assertThat(refresh.interactionsScored()).isEqualTo(1);
    assertThat(label("r-new")).isEqualTo("positive");
    assertThat(label("r-old")).isEqualTo("negative");
    assertThat(label("r-empty")).as("nothing to score").isNull();
    assertThat(
            db.queryForObject(
                "select sentiment_label from interactions where interaction_id = 'i-1'",
                String.class))
        .isEqualTo("neutral");
    double today = score("r-new");
    double quarterAgo = score("r-old");
    double monthAgo =
        db.queryForObject(
            "select sentiment_score from interactions where interaction_id = 'i-1'", Double.class);
    double monthWeight = Math.pow(0.5, 30 / 90.0);
    double expected = (today + quarterAgo * 0.5 + monthAgo * monthWeight) / (1 + 0.5 + monthWeight);
    assertThat(customerScore(writer)).isCloseTo(expected, within(1e-4));
    assertThat(customerScore(silent)).isNull();
    assertThat(refresh.customersUpdated()).isEqualTo(1);
  }

  @Test
  void aSecondRefreshDoesNothingAndAnEditedTextIsScoredAgain() {
    stored.refresh();

    assertThat(stored.refresh()).isEqualTo(new StoredTextSentiments.Refresh(0, 0, 0));

    db.update(
        "update reviews set body = 'Still works great after a year.' where review_id = 'r-old'");
    StoredTextSentiments.Refresh afterEdit = stored.refresh();

    assertThat(afterEdit.reviewsScored()).isEqualTo(1);
    assertThat(label("r-old")).isEqualTo("positive");
    assertThat(afterEdit.customersUpdated()).isEqualTo(1);
  }

  @Test
  void manyTextsAreScoredPageByPage() {
    int count = StoredTextSentiments.PAGE * 2 + 7;
    db.update(
        "insert into reviews (review_id, customer_uuid, sku, rating, body, created_at) select"
            + " 'bulk-' || lpad(n::text, 5, '0'), ?, 'K-1', 1, 'Terrible, broke at once ' || n, ?"
            + " from generate_series(1, ?) n",
        silent,
        Timestamp.from(NOW),
        count);

    StoredTextSentiments.Step first =
        stored.scoreChangedTexts(StoredTextSentiments.TextKind.REVIEWS, "");
    assertThat(first.changed()).isEqualTo(StoredTextSentiments.PAGE);
    assertThat(first.done()).isFalse();

    StoredTextSentiments.Refresh refresh = stored.refresh();

    assertThat(refresh.reviewsScored()).isEqualTo(count + 2 - StoredTextSentiments.PAGE);
    assertThat(
            db.queryForObject(
                "select count(*) from reviews where sentiment_label = 'negative'", Long.class))
        .isEqualTo(count + 1L);
    assertThat(customerScore(silent)).isNegative();
  }

  private void review(String id, String title, String body, Instant at) {
    db.update(
        "insert into reviews (review_id, customer_uuid, sku, rating, title, body, created_at)"
            + " values (?, ?, 'K-1', 3, ?, ?, ?)",
        id,
        writer,
        title,
        body,
        Timestamp.from(at));
  }

  private String label(String reviewId) {
    return db.queryForObject(
        "select sentiment_label from reviews where review_id = ?", String.class, reviewId);
  }

  private double score(String reviewId) {
    return db.queryForObject(
        "select sentiment_score from reviews where review_id = ?", Double.class, reviewId);
  }

  private Double customerScore(UUID customer) {
    return db.queryForObject(
        "select sentiment_score from customers where customer_uuid = ?", Double.class, customer);
  }
}
