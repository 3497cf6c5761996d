package com.oxidly.domain.sentiment;

import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.ai.LanguageModelException;
import com.oxidly.domain.text.Sha256;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Scores the sentiment of texts. Without a language model the local analyzer (VADER rules plus
 * Oxidly's review rules) answers. With one, texts go to the model in batches of {@value
 * #MODEL_BATCH} with strict structured outputs, answers are validated and cached by text hash in
 * PostgreSQL, and any batch the model fails or answers invalidly is scored locally instead, so a
 * call always returns one sentiment per text.
 */
@Service
public class SentimentService {

  /** Texts per model request. */
  static final int MODEL_BATCH = 50;

  /** Characters per model request at most, so that 50 long tickets do not make one huge prompt. */
  static final int MODEL_BATCH_CHARACTERS = 60_000;

  /** Model requests in flight at once for one call. */
  static final int PARALLEL_REQUESTS = 4;

  private static final Logger log = LoggerFactory.getLogger(SentimentService.class);

  private final LanguageModel model;
  private final ModelSentimentClassifier classifier;
  private final SentimentCache cache;
  private final Clock clock;
  private final LocalSentimentAnalyzer local =
      new LocalSentimentAnalyzer(LocalSentimentAnalyzer.Rules.OXIDLY);

  SentimentService(JdbcTemplate jdbc, LanguageModel model, Clock clock) {
    this.model = model;
    this.classifier = new ModelSentimentClassifier(model);
    this.cache = new SentimentCache(jdbc);
    this.clock = clock;
  }

  /**
   * Scores texts: one sentiment per text, in order. Blank texts are neutral. Never fails because of
   * the model: what it cannot answer is scored locally (source {@code local}).
   */
  public List<Sentiment> score(List<String> texts) {
    if (!model.configured()) {
      return texts.stream().map(local::analyze).toList();
    }
    Map<String, Sentiment> byText = new LinkedHashMap<>();
    for (String text : texts) {
      if (text == null || text.isBlank()) {
        byText.put(text == null ? "" : text, local.analyze(""));
      } else {
        byText.putIfAbsent(text, null);
      }
    }
    List<String> unknown =
        byText.entrySet().stream()
            .filter(e -> e.getValue() == null)
            .map(Map.Entry::getKey)
            .toList();
    Map<String, Sentiment> cached = cache.find(unknown, classifier.cacheKey());
    List<String> misses = new ArrayList<>();
    for (String text : unknown) {
      Sentiment hit = cached.get(Sha256.hex(text));
      if (hit != null) {
        byText.put(text, hit);
      } else {
        misses.add(text);
      }
    }
    classify(batches(misses)).forEach(byText::put);
    return texts.stream().map(text -> byText.get(text == null ? "" : text)).toList();
  }

  private Map<String, Sentiment> classify(List<List<String>> batches) {
    Map<String, Sentiment> scored = new LinkedHashMap<>();
    Semaphore inFlight = new Semaphore(PARALLEL_REQUESTS);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Sentiment>>> answers = new ArrayList<>();
      for (List<String> batch : batches) {
        answers.add(
            executor.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    return classifyOrScoreLocally(batch);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (int b = 0; b < batches.size(); b++) {
        List<Sentiment> sentiments = answers.get(b).get();
        for (int i = 0; i < sentiments.size(); i++) {
          scored.put(batches.get(b).get(i), sentiments.get(i));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring sentiment", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sentiment scoring failed", e.getCause());
    }
    return scored;
  }

  private List<Sentiment> classifyOrScoreLocally(List<String> batch) {
    List<Sentiment> sentiments;
    try {
      sentiments = classifier.classify(batch);
    } catch (LanguageModelException | ModelSentimentClassifier.InvalidAnswer e) {
      log.warn(
          "Language model could not score {} texts, the local analyzer does: {}",
          batch.size(),
          e.getMessage());
      return batch.stream().map(local::analyze).toList();
    }
    cache.store(batch, sentiments, classifier.cacheKey(), clock.instant());
    return sentiments;
  }

  /** Up to {@value #MODEL_BATCH} texts and {@value #MODEL_BATCH_CHARACTERS} characters each. */
  static List<List<String>> batches(List<String> texts) {
    List<List<String>> batches = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    int characters = 0;
    for (String text : texts) {
      if (!batch.isEmpty()
          && (batch.size() == MODEL_BATCH || characters + text.length() > MODEL_BATCH_CHARACTERS)) {
        batches.add(batch);
        batch = new ArrayList<>();
        characters = 0;
      }
      batch.add(text);
      characters += text.length();
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }
}
