package com.oxidly.domain.search;

import com.oxidly.domain.ai.LanguageModelException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Embeds every text that has no current vector, in the background, whenever a model is configured:
 * a whole existing store batch by batch with its progress logged, then new and edited reviews and
 * tickets. Finding nothing to do costs a scan of all texts, so after an empty scan it rests ({@code
 * oxidly.ai.embeddings.idle-rest}, a minute by default); a failing model is retried after the same
 * rest and loses nothing (the texts stay pending).
 */
@Component
class TextEmbeddingBackfill {

  private static final Logger log = LoggerFactory.getLogger(TextEmbeddingBackfill.class);

  private final TextEmbeddings embeddings;
  private final Duration restWhenIdle;
  private final Clock clock = Clock.systemUTC();
  private Instant nextScan = Instant.MIN;
  private long embeddedSinceReport;

  TextEmbeddingBackfill(
      TextEmbeddings embeddings,
      @Value("${oxidly.ai.embeddings.idle-rest:PT60S}") Duration restWhenIdle) {
    this.embeddings = embeddings;
    this.restWhenIdle = restWhenIdle;
  }

  @Scheduled(fixedDelayString = "${oxidly.ai.embeddings.poll-millis:2000}")
  void run() {
    if (!embeddings.enabled() || clock.instant().isBefore(nextScan)) {
      return;
    }
    try {
      int embedded;
      while ((embedded = embeddings.embedPending()) > 0) {
        embeddedSinceReport += embedded;
        if (embeddedSinceReport >= 1_000) {
          log.info(
              "Embedded {} more texts; {} still pending",
              embeddedSinceReport,
              embeddings.pending());
          embeddedSinceReport = 0;
        }
      }
      nextScan = clock.instant().plus(restWhenIdle);
    } catch (LanguageModelException e) {
      log.warn("Embedding texts failed, will retry: {}", e.getMessage());
      nextScan = clock.instant().plus(restWhenIdle);
    }
  }
}
