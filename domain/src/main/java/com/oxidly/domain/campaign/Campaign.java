package com.oxidly.domain.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A stored campaign with its status and persisted statistics.
 *
 * @param status draft, scheduled, running, paused, cancelled or completed
 * @param note why a run ended differently than planned; usually null
 * @param startedAt workflow time at which the audience was frozen
 */
public record Campaign(
    long id,
    CampaignDefinition definition,
    String status,
    String note,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    Instant scheduledAt,
    String scheduledBy,
    Instant startedAt,
    Instant finishedAt,
    Stats stats) {

  /** Campaign statuses in which a workflow run exists and may still send. */
  public static final Set<String> LIVE = Set.of("scheduled", "running", "paused");

  /**
   * Statistics as last persisted (after every batch, recomputed from the delivery log).
   *
   * @param queued the frozen audience's size; null before the run started
   * @param deferred customers waiting out quiet hours, to be retried
   * @param suppressed suppressions by reason ({@code no_email_consent}, {@code banned}, ...)
   */
  public record Stats(
      Integer queued,
      int sent,
      int failed,
      int deferred,
      Map<String, Integer> suppressed,
      Instant updatedAt) {}

  public boolean isLive() {
    return LIVE.contains(status);
  }
}
