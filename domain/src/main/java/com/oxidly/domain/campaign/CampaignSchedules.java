package com.oxidly.domain.campaign;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When a schedule starts. A local-time schedule ("09:00 on 2026-12-01") starts first where the day
 * begins first (UTC+14) and last where it begins last (UTC-12); each time zone in between is sent
 * to at its own local start.
 */
public final class CampaignSchedules {

  private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);
  private static final ZoneOffset LATEST = ZoneOffset.ofHours(-12);

  private CampaignSchedules() {}

  /**
   * The first instant anything may be sent: the start instant, or the local time where it comes
   * first. The audience is frozen then.
   */
  public static Instant firstStart(CampaignDefinition.Schedule schedule) {
    if (schedule.startAt() != null) {
      return schedule.startAt();
    }
    return schedule.date().atTime(schedule.localTime()).toInstant(EARLIEST);
  }

  /** The last instant at which a group starts. */
  public static Instant lastStart(CampaignDefinition.Schedule schedule) {
    if (schedule.startAt() != null) {
      return schedule.startAt();
    }
    return schedule.date().atTime(schedule.localTime()).toInstant(LATEST);
  }

  /**
   * When customers in {@code timeZone} are sent to. Unknown zones count as UTC (as delivery's quiet
   * hours do); a local time skipped by a daylight-saving change moves forward.
   */
  public static Instant localStart(CampaignDefinition.Schedule schedule, String timeZone) {
    if (schedule.startAt() != null) {
      return schedule.startAt();
    }
    return ZonedDateTime.of(schedule.date(), schedule.localTime(), zone(timeZone)).toInstant();
  }

  static ZoneId zone(String timeZone) {
    try {
      return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
    } catch (DateTimeException unknown) {
      return ZoneOffset.UTC;
    }
  }
}
