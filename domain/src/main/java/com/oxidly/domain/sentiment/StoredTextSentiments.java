package com.oxidly.domain.sentiment;

import com.oxidly.domain.text.Sha256;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Keeps the stored sentiment of what customers wrote up to date: every review and interaction with
 * text gets a label and score ({@code sentiment_label}, {@code sentiment_score}), and every
 * customer the recency-weighted average of theirs ({@code customers.sentiment_score}).
 *
 * <p>The average weighs a text by {@code 0.5^(age / half-life)}: with the default half-life of 90
 * days ({@code oxidly.analytics.sentiment.half-life}) a review from three months ago counts half as
 * much as one from today, one from a year ago about a sixteenth. Customers without scored texts
 * have none.
 *
 * <p>Both steps work in pages and are idempotent: a text is scored again only when it changed (its
 * SHA-256 is kept in {@code sentiment_text_sha256}), a customer is written only when the average
 * moved, so a rerun after a crash or on another node does only what is left. {@link #refresh()}
 * runs both passes to the end; a workflow that reports progress pages itself with {@link
 * #scoreChangedTexts} and {@link #updateCustomerAverages}, carrying {@link Step#next()}.
 */
@Service
public class StoredTextSentiments {

  /** What one refresh did. */
  public record Refresh(int reviewsScored, int interactionsScored, int customersUpdated) {}

  /** The stored texts that carry a sentiment; {@code text} is the SQL of the text scored. */
  public enum TextKind {
    REVIEWS("reviews", "review_id", "concat_ws(' ', title, body)"),
    INTERACTIONS("interactions", "interaction_id", "concat_ws(' ', subject, body)");

    final String table;
    final String idColumn;
    final String text;

    TextKind(String table, String idColumn, String text) {
      this.table = table;
      this.idColumn = idColumn;
      this.text = text;
    }

    String hash() {
      return "sha256(convert_to(" + text + ", 'UTF8'))";
    }
  }

  /**
   * One page of a pass, for callers that page themselves (a workflow that reports progress).
   *
   * @param changed texts scored or customers updated in this page
   * @param next where the next page starts; null when the pass is done
   */
  public record Step(int changed, String next) {
    public boolean done() {
      return next == null;
    }
  }

  /** Texts or customers per page. */
  static final int PAGE = 500;

  /**
   * Beyond 60 half-lives a weight is below 1e-18: clamped there, as PostgreSQL rejects underflow.
   */
  private static final int MAX_HALF_LIVES = 60;

  private static final Logger log = LoggerFactory.getLogger(StoredTextSentiments.class);

  private final JdbcTemplate jdbc;
  private final SentimentService sentiments;
  private final Clock clock;
  private final Duration halfLife;

  StoredTextSentiments(
      JdbcTemplate jdbc,
      SentimentService sentiments,
      Clock clock,
      @Value("${oxidly.analytics.sentiment.half-life:90d}") Duration halfLife) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException(
          "oxidly.analytics.sentiment.half-life must be positive, was " + halfLife);
    }
    this.jdbc = jdbc;
    this.sentiments = sentiments;
    this.clock = clock;
    this.halfLife = halfLife;
  }

  /** Scores every new or changed text, then updates every customer's average. */
  public Refresh refresh() {
    int reviews = scoreAllChangedTexts(TextKind.REVIEWS);
    int interactions = scoreAllChangedTexts(TextKind.INTERACTIONS);
    int customers = 0;
    for (Step step = updateCustomerAverages(""); ; step = updateCustomerAverages(step.next())) {
      customers += step.changed();
      if (step.done()) {
        break;
      }
    }
    log.info(
        "Sentiment refreshed: {} reviews and {} interactions scored, {} customers updated",
        reviews,
        interactions,
        customers);
    return new Refresh(reviews, interactions, customers);
  }

  private int scoreAllChangedTexts(TextKind kind) {
    int scored = 0;
    for (Step step = scoreChangedTexts(kind, ""); ; step = scoreChangedTexts(kind, step.next())) {
      scored += step.changed();
      if (step.done()) {
        return scored;
      }
    }
  }

  /**
   * Scores one page of texts of {@code kind} that are unscored or changed since they were scored.
   *
   * @param after the id the page starts after; "" for the first page
   */
  public Step scoreChangedTexts(TextKind kind, String after) {
    List<Pending> page = pending(kind, after);
    if (page.isEmpty()) {
      return new Step(0, null);
    }
    List<Sentiment> results = sentiments.score(page.stream().map(Pending::text).toList());
    // The text must still be the one scored: an edit meanwhile leaves the row pending.
    int[][] updated =
        jdbc.batchUpdate(
            "update "
                + kind.table
                + " set sentiment_label = ?, sentiment_score = ?, sentiment_text_sha256 = ?"
                + " where "
                + kind.idColumn
                + " = ? and "
                + kind.hash()
                + " = ?",
            IntStream.range(0, page.size()).boxed().toList(),
            page.size(),
            (statement, i) -> {
              byte[] hash = Sha256.bytes(page.get(i).text());
              statement.setString(1, results.get(i).label());
              statement.setDouble(2, results.get(i).score());
              statement.setBytes(3, hash);
              statement.setString(4, page.get(i).id());
              statement.setBytes(5, hash);
            });
    int scored = 0;
    for (int[] batch : updated) {
      for (int rows : batch) {
        scored += Math.max(rows, 0);
      }
    }
    return new Step(scored, page.size() < PAGE ? null : page.getLast().id());
  }

  private List<Pending> pending(TextKind source, String after) {
    return jdbc.query(
        "select "
            + source.idColumn
            + " as id, "
            + source.text
            + " as text from "
            + source.table
            + " where "
            + source.idColumn
            + " > ? and "
            + source.text
            + " <> '' and (sentiment_label is null or sentiment_text_sha256 is distinct from "
            + source.hash()
            + ") order by "
            + source.idColumn
            + " limit ?",
        (row, n) -> new Pending(row.getString("id"), row.getString("text")),
        after,
        PAGE);
  }

  /**
   * Recomputes the recency-weighted average of one page of customers, writing those that moved.
   *
   * @param after the customer UUID the page starts after; "" for the first page
   */
  public Step updateCustomerAverages(String after) {
    Timestamp now = Timestamp.from(clock.instant());
    double halfLifeSeconds = halfLife.toMillis() / 1000.0;
    UUID start = after.isEmpty() ? null : UUID.fromString(after);
    List<UUID> page =
        jdbc.queryForList(
            "select customer_uuid from customers where (?::uuid is null or customer_uuid >"
                + " ?::uuid) order by customer_uuid limit ?",
            UUID.class,
            start,
            start,
            PAGE);
    if (page.isEmpty()) {
      return new Step(0, null);
    }
    int updated =
        jdbc.update(
            """
            with page as (select unnest(?::uuid[]) as customer_uuid),
            texts as (
                select customer_uuid, sentiment_score, created_at from reviews
                 where customer_uuid in (select customer_uuid from page)
                   and sentiment_score is not null
                union all
                select customer_uuid, sentiment_score, created_at from interactions
                 where customer_uuid in (select customer_uuid from page)
                   and sentiment_score is not null),
            weighted as (
                select customer_uuid, sentiment_score,
                       power(0.5, least(greatest(extract(epoch from (?::timestamptz - created_at)),
                                                 0) / ?, ?)) as weight
                  from texts),
            averages as (
                select p.customer_uuid,
                       round((sum(w.sentiment_score * w.weight) / sum(w.weight))::numeric, 4)
                           ::double precision as score
                  from page p left join weighted w on w.customer_uuid = p.customer_uuid
                 group by p.customer_uuid)
            update customers c set sentiment_score = a.score
              from averages a
             where c.customer_uuid = a.customer_uuid
               and c.sentiment_score is distinct from a.score
            """,
            page.stream().map(UUID::toString).toArray(String[]::new),
            now,
            halfLifeSeconds,
            MAX_HALF_LIVES);
    return new Step(updated, page.size() < PAGE ? null : page.getLast().toString());
  }

  /** The half-life of a text's weight in its customer's average. */
  public Duration halfLife() {
    return halfLife;
  }

  private record Pending(String id, String text) {}
}
