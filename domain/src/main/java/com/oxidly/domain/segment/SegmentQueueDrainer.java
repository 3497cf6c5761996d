package com.oxidly.domain.segment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Live membership: drains the segment evaluation queue (filled by triggers in the transaction of
 * each customer change) every 200 ms by default, so a change reaches {@code customers.segments} and
 * the segment events within moments. Only queued customers are evaluated.
 */
@Component
@ConditionalOnProperty(
    name = "oxidly.segments.live.enabled",
    havingValue = "true",
    matchIfMissing = true)
class SegmentQueueDrainer {

  private static final Logger log = LoggerFactory.getLogger(SegmentQueueDrainer.class);

  private final SegmentMemberships memberships;
  private final int batchSize;

  SegmentQueueDrainer(
      SegmentMemberships memberships,
      @Value("${oxidly.segments.live.batch-size:" + SegmentMemberships.QUEUE_BATCH + "}")
          int batchSize) {
    this.memberships = memberships;
    this.batchSize = batchSize;
  }

  @Scheduled(fixedDelayString = "${oxidly.segments.live.poll-millis:200}")
  void drain() {
    try {
      while (memberships.drainBatch(batchSize) == batchSize) {
        // a full batch: there may be more right away
      }
    } catch (RuntimeException e) {
      // Left queued; the next run retries. Logged once per failed run, not per customer.
      log.warn("Segment membership update failed, will retry: {}", e.getMessage());
    }
  }
}
