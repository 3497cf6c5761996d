package com.oxidly.domain.search;

import com.oxidly.domain.ai.AiProperties;
import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.ai.LanguageModelException;
import com.oxidly.domain.text.Sha256;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vectors of what customers wrote, for semantic free-text relevance when a language model is
 * configured: every review and interaction text is embedded once per embedding key and stored in
 * PostgreSQL ({@code text_embeddings}); the change log then carries the vectors into the customer
 * index, where searches rank customers by their nearest text (kNN) next to BM25. Without a model
 * nothing here runs and relevance is BM25 alone.
 */
@Service
public class TextEmbeddings {

  /** Where customers' texts live; {@code text} is the text as the index holds it and as hashed. */
  enum TextSource {
    REVIEW("review", "reviews", "r", "review_id", "concat_ws(' ', r.title, r.body)"),
    INTERACTION(
        "interaction", "interactions", "i", "interaction_id", "concat_ws(' ', i.subject, i.body)");

    final String kind;
    final String table;
    final String alias;
    final String idColumn;
    final String text;

    TextSource(String kind, String table, String alias, String idColumn, String text) {
      this.kind = kind;
      this.table = table;
      this.alias = alias;
      this.idColumn = idColumn;
      this.text = text;
    }
  }

  /** Texts per request to the model. */
  static final int BATCH = 64;

  /** Texts kNN considers per shard for one search. */
  private static final int NEAREST_CANDIDATES = 200;

  private static final Logger log = LoggerFactory.getLogger(TextEmbeddings.class);

  /** One backfill at a time across all Oxidly nodes on this database. */
  private static final long BACKFILL_LOCK = 0x6f78_656d_6265_6464L;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final LanguageModel model;
  private final AiProperties properties;
  private final Clock clock;
  private final double minSimilarity;

  /**
   * Vectors of recent search phrases: a list pages through one search page by page, and each page
   * would otherwise ask the model for the same vector again.
   */
  private final Map<String, float[]> recentQueries =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
              return size() > 256;
            }
          });

  TextEmbeddings(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      LanguageModel model,
      AiProperties properties,
      Clock clock,
      @Value("${oxidly.ai.embeddings.min-similarity:0.45}") double minSimilarity) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.model = model;
    this.properties = properties;
    this.clock = clock;
    this.minSimilarity = minSimilarity;
  }

  /** Whether texts are embedded and searches use their vectors. */
  public boolean enabled() {
    return model.configured() && properties.embedTexts();
  }

  /** The vector field of nested reviews and interactions; its name carries the vector length. */
  String vectorField() {
    return "text_vector_" + model.embeddingDimensions();
  }

  int dimensions() {
    return model.embeddingDimensions();
  }

  String embeddingKey() {
    return model.embeddingKey();
  }

  /** Texts without a vector for the current key and text: new, edited, or never embedded. */
  public long pending() {
    if (!enabled()) {
      return 0;
    }
    long pending = 0;
    for (TextSource source : TextSource.values()) {
      pending +=
          jdbc.queryForObject(
              "select count(*) from "
                  + source.table
                  + " "
                  + source.alias
                  + " where "
                  + pendingCondition(source),
              Long.class,
              model.embeddingKey());
    }
    return pending;
  }

  /**
   * Embeds up to {@link #BATCH} pending texts and stores their vectors. Idempotent: a text whose
   * vector is current is never sent again, and a text edited meanwhile stays pending. Runs on one
   * node at a time (a PostgreSQL advisory lock); another caller gets 0 at once.
   *
   * @return how many texts were embedded; 0 when none are pending or another node is at it
   * @throws LanguageModelException when the model fails; nothing of the batch is stored, so it
   *     stays pending for the next call
   */
  public int embedPending() {
    if (!enabled()) {
      return 0;
    }
    Integer embedded =
        transactions.execute(
            status -> {
              Boolean locked =
                  jdbc.queryForObject(
                      "select pg_try_advisory_xact_lock(?)", Boolean.class, BACKFILL_LOCK);
              return Boolean.TRUE.equals(locked) ? embedBatch() : 0;
            });
    return embedded == null ? 0 : embedded;
  }

  private int embedBatch() {
    String key = model.embeddingKey();
    List<Pending> batch = new ArrayList<>(pendingTexts(TextSource.REVIEW, key, BATCH));
    if (batch.size() < BATCH) {
      batch.addAll(pendingTexts(TextSource.INTERACTION, key, BATCH - batch.size()));
    }
    if (batch.isEmpty()) {
      return 0;
    }
    List<float[]> vectors = model.embed(batch.stream().map(Pending::text).toList());
    Timestamp now = Timestamp.from(clock.instant());
    List<Integer> positions = IntStream.range(0, batch.size()).boxed().toList();
    jdbc.batchUpdate(
        """
        insert into text_embeddings (source_kind, source_id, embedding_key, customer_uuid,
                                     text_sha256, vector, embedded_at)
        values (?, ?, ?, ?, ?, ?, ?)
        on conflict (source_kind, source_id, embedding_key) do update
           set customer_uuid = excluded.customer_uuid, text_sha256 = excluded.text_sha256,
               vector = excluded.vector, embedded_at = excluded.embedded_at
        """,
        positions,
        positions.size(),
        (statement, position) -> {
          Pending pending = batch.get(position);
          float[] vector = vectors.get(position);
          Float[] boxed = new Float[vector.length];
          for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
          }
          Array array = statement.getConnection().createArrayOf("real", boxed);
          statement.setString(1, pending.kind());
          statement.setString(2, pending.id());
          statement.setString(3, key);
          statement.setObject(4, pending.customerUuid());
          statement.setBytes(5, Sha256.bytes(pending.text()));
          statement.setArray(6, array);
          statement.setTimestamp(7, now);
        });
    log.debug("Embedded {} texts under {}", batch.size(), key);
    return batch.size();
  }

  /**
   * What kNN looks for given free-text phrases: the vector of their content words. Null when
   * embeddings are off, there are no content words, or the model fails: the search then ranks by
   * words alone rather than failing.
   */
  TextRelevance.NearText nearText(List<String> phrases) {
    String words = String.join(" ", TextRelevance.contentWords(phrases));
    if (!enabled() || words.isEmpty()) {
      return null;
    }
    try {
      String key = model.embeddingKey() + "\n" + words;
      float[] vector = recentQueries.get(key);
      if (vector == null) {
        vector = model.embed(List.of(words)).getFirst();
        recentQueries.put(key, vector);
      }
      return new TextRelevance.NearText(vectorField(), vector, minSimilarity, NEAREST_CANDIDATES);
    } catch (LanguageModelException e) {
      log.warn("Ranking by words alone: {}", e.getMessage());
      return null;
    }
  }

  private List<Pending> pendingTexts(TextSource source, String key, int limit) {
    return jdbc.query(
        "select "
            + source.alias
            + "."
            + source.idColumn
            + " as id, "
            + source.alias
            + ".customer_uuid, "
            + source.text
            + " as text from "
            + source.table
            + " "
            + source.alias
            + " where "
            + pendingCondition(source)
            + " limit ?",
        (row, n) ->
            new Pending(
                source.kind,
                row.getString("id"),
                row.getObject("customer_uuid", UUID.class),
                row.getString("text")),
        key,
        limit);
  }

  /** Reads a stored vector column. */
  static float[] vector(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    Float[] boxed = (Float[]) array.getArray();
    float[] vector = new float[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      vector[i] = boxed[i];
    }
    return vector;
  }

  /**
   * SQL joining a text's current vector for documents: {@code left join} this, then select {@code
   * e.vector}. The one placeholder is the embedding key.
   */
  static String currentVectorJoin(TextSource source) {
    return " left join text_embeddings e on " + isCurrentVector(source) + " ";
  }

  private static String pendingCondition(TextSource source) {
    return source.text
        + " <> '' and not exists (select 1 from text_embeddings e where "
        + isCurrentVector(source)
        + ")";
  }

  /** {@code e} is the vector of this very text under the key given as the placeholder. */
  private static String isCurrentVector(TextSource source) {
    return "e.source_kind = '"
        + source.kind
        + "' and e.source_id = "
        + source.alias
        + "."
        + source.idColumn
        + " and e.embedding_key = ? and e.text_sha256 = sha256(convert_to("
        + source.text
        + ", 'UTF8'))";
  }

  private record Pending(String kind, String id, UUID customerUuid, String text) {}
}
