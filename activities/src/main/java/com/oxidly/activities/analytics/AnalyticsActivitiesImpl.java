package com.oxidly.activities.analytics;

import com.oxidly.domain.clv.ClvFitException;
import com.oxidly.domain.clv.ClvModel;
import com.oxidly.domain.clv.CustomerLifetimeValue;
import com.oxidly.domain.customer.CustomerRepository;
import com.oxidly.domain.engagement.EngagementScoring;
import com.oxidly.domain.persona.Personas;
import com.oxidly.domain.sentiment.StoredTextSentiments;
import com.oxidly.workflows.analytics.AnalyticsActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Scores customers into PostgreSQL; writes only changed scores, so retries are harmless. */
@Component("analyticsActivities")
class AnalyticsActivitiesImpl implements AnalyticsActivities {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsActivitiesImpl.class);

  private final EngagementScoring engagement;
  private final CustomerLifetimeValue lifetimeValue;
  private final CustomerRepository customers;
  private final StoredTextSentiments sentiments;
  private final Personas personas;

  /** How long one sentiment call works before it hands back a cursor (the limit is 5 min). */
  private static final Duration SENTIMENT_TIME_BOX = Duration.ofMinutes(2);

  AnalyticsActivitiesImpl(
      EngagementScoring engagement,
      CustomerLifetimeValue lifetimeValue,
      CustomerRepository customers,
      StoredTextSentiments sentiments,
      Personas personas) {
    this.engagement = engagement;
    this.lifetimeValue = lifetimeValue;
    this.customers = customers;
    this.sentiments = sentiments;
    this.personas = personas;
  }

  @Override
  public Long fitPersonas() {
    return personas.fit().orElse(null);
  }

  @Override
  public AssignedPage assignPersonas(long model, String afterUuid, int pageSize) {
    Personas.AssignedPage page =
        personas.assignPage(model, afterUuid == null ? null : UUID.fromString(afterUuid), pageSize);
    return new AssignedPage(
        page.assigned(),
        page.changed(),
        page.lastUuid() == null ? null : page.lastUuid().toString(),
        page.last());
  }

  @Override
  public void finishPersonas(long model) {
    personas.finish(model);
  }

  @Override
  public SentimentProgress scoreSentiment(String pass, String after) {
    long deadline = System.nanoTime() + SENTIMENT_TIME_BOX.toNanos();
    String cursor = after == null ? "" : after;
    int changed = 0;
    while (true) {
      StoredTextSentiments.Step step =
          switch (pass) {
            case "reviews" ->
                sentiments.scoreChangedTexts(StoredTextSentiments.TextKind.REVIEWS, cursor);
            case "interactions" ->
                sentiments.scoreChangedTexts(StoredTextSentiments.TextKind.INTERACTIONS, cursor);
            case "customers" -> sentiments.updateCustomerAverages(cursor);
            default ->
                throw ApplicationFailure.newNonRetryableFailure(
                    "unknown sentiment pass '" + pass + "'", "InvalidPass");
          };
      changed += step.changed();
      if (step.done()) {
        return new SentimentProgress(changed, null);
      }
      cursor = step.next();
      if (System.nanoTime() > deadline) {
        // Hand back a cursor well inside the activity's time limit; the workflow goes on from it.
        return new SentimentProgress(changed, cursor);
      }
    }
  }

  @Override
  public long countCustomers() {
    return customers.count();
  }

  @Override
  public Long fitLifetimeValue() {
    try {
      ClvModel model = lifetimeValue.fit(Optional.empty());
      log.info(
          "Lifetime value refitted on {} customers: model {}", model.customersUsed(), model.id());
      return model.id();
    } catch (ClvFitException tooLittleHistory) {
      log.info("Lifetime values kept as they are: {}", tooLittleHistory.getMessage());
      return null;
    }
  }

  @Override
  public ScoredPage scorePage(String afterUuid, int pageSize, Long lifetimeValueModel) {
    UUID after = afterUuid == null ? null : UUID.fromString(afterUuid);
    EngagementScoring.ScoredPage page = engagement.scorePage(after, pageSize);
    long changed = page.changed();
    if (lifetimeValueModel != null) {
      ClvModel model =
          lifetimeValue
              .model(lifetimeValueModel)
              .orElseThrow(
                  () -> new IllegalStateException("no lifetime-value model " + lifetimeValueModel));
      changed +=
          lifetimeValue.scorePage(model, Optional.ofNullable(after), pageSize).customersWritten();
    }
    return new ScoredPage(
        page.scored(),
        changed,
        page.lastUuid() == null ? null : page.lastUuid().toString(),
        page.scored() < pageSize);
  }
}
