package com.oxidly.activities.segments;

import com.oxidly.domain.segment.SegmentMemberships;
import com.oxidly.workflows.segments.SegmentActivities;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Re-evaluates memberships page by page; writes only differences, so retries are harmless. */
@Component("segmentActivities")
class SegmentActivitiesImpl implements SegmentActivities {

  private final SegmentMemberships memberships;

  SegmentActivitiesImpl(SegmentMemberships memberships) {
    this.memberships = memberships;
  }

  @Override
  public EvaluatedPage reevaluatePage(String segmentKey, String afterUuid, int pageSize) {
    SegmentMemberships.Page page =
        memberships.reevaluatePage(
            segmentKey, afterUuid == null ? null : UUID.fromString(afterUuid), pageSize);
    return new EvaluatedPage(
        page.customers(),
        page.entered(),
        page.left(),
        page.lastUuid() == null ? null : page.lastUuid().toString(),
        page.last());
  }
}
