package com.oxidly.workflows.campaign;

import java.time.Instant;
import java.util.Map;

/**
 * A run's live counts.
 *
 * @param phase waiting_for_start, freezing_audience, waiting_for_group, sending, paused,
 *     waiting_for_deferred, completed or cancelled
 * @param holdReason why it is paused: {@code signal}, or {@code delivery_failing} when delivery
 *     kept failing past its retries (resume to try again)
 * @param queued the frozen audience's size (0 before the start)
 * @param suppressed suppressions by reason
 * @param deferred members waiting for quiet hours to end, to be retried with the same key
 * @param nextSendAt when the next batch may go (start, group start or throttle); null when none
 *     waits
 * @param wave the group being sent (0-based) of {@code waves}
 */
public record CampaignProgress(
    String phase,
    String holdReason,
    long queued,
    long sent,
    Map<String, Long> suppressed,
    long failed,
    long deferred,
    Instant nextSendAt,
    int wave,
    int waves,
    long batches) {

  /** All suppressions, whatever the reason. */
  public long suppressedTotal() {
    return suppressed.values().stream().mapToLong(Long::longValue).sum();
  }
}
