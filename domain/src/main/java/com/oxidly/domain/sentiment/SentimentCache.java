package com.oxidly.domain.sentiment;

import com.oxidly.domain.text.Sha256;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;

/** The model's sentiments by text hash ({@code sentiment_cache}). */
final class SentimentCache {

  private final JdbcTemplate jdbc;

  SentimentCache(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The cached sentiments of these texts under {@code model}, by hex text hash. */
  Map<String, Sentiment> find(List<String> texts, String model) {
    Map<String, Sentiment> found = new HashMap<>();
    if (texts.isEmpty()) {
      return found;
    }
    byte[][] hashes = texts.stream().map(Sha256::bytes).toArray(byte[][]::new);
    jdbc.query(
        "select text_sha256, label, score from sentiment_cache"
            + " where model = ? and text_sha256 = any(?)",
        row -> {
          found.put(
              HexFormat.of().formatHex(row.getBytes("text_sha256")),
              new Sentiment(row.getString("label"), row.getDouble("score"), Sentiment.MODEL));
        },
        model,
        hashes);
    return found;
  }

  /** Stores the model's sentiments; a text scored meanwhile by another node keeps its first. */
  void store(List<String> texts, List<Sentiment> sentiments, String model, Instant at) {
    if (texts.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(at);
    jdbc.batchUpdate(
        "insert into sentiment_cache (text_sha256, model, label, score, scored_at)"
            + " values (?, ?, ?, ?, ?) on conflict (text_sha256, model) do nothing",
        IntStream.range(0, texts.size()).boxed().toList(),
        texts.size(),
        (statement, i) -> {
          statement.setBytes(1, Sha256.bytes(texts.get(i)));
          statement.setString(2, model);
          statement.setString(3, sentiments.get(i).label());
          statement.setDouble(4, sentiments.get(i).score());
          statement.setTimestamp(5, now);
        });
  }
}
