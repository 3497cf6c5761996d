package com.oxidly.workflows.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run's state carried across continue-as-new: where it is in its audience and the counts so far.
 * Deferred members are kept in PostgreSQL (campaign_audience), not here, so this stays small
 * whatever the audience size.
 *
 * @param wave index of the group being sent in {@code waves}
 * @param after uuid of the last member sent in the current group; null at its start
 * @param nextBatchAt the throttle: the earliest instant of the next batch
 */
public record CampaignCursor(
    long queued,
    List<CampaignActivities.Wave> waves,
    int wave,
    String after,
    long sent,
    long failed,
    Map<String, Long> suppressed,
    int deferred,
    int gaveUp,
    Instant nextRetryAt,
    Instant nextBatchAt,
    boolean paused,
    String holdReason,
    long batches) {}
