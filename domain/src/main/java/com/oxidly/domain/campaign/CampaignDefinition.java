package com.oxidly.domain.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.query.CustomerQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A broadcast as a marketer edits it. A draft may be incomplete; scheduling checks everything.
 *
 * @param channel the one channel every message goes out on
 * @param template Liquid per part, checked with MessageTemplates when the campaign is scheduled
 * @param audience who gets it: a segment or a customer query, resolved once when the run starts
 * @param schedule when it goes out
 * @param throttlePerMinute at most this many messages per minute on the campaign's channel
 */
public record CampaignDefinition(
    String name,
    Channel channel,
    MessageClass messageClass,
    MessageTemplate template,
    Audience audience,
    Schedule schedule,
    Integer throttlePerMinute) {

  /** Messages per minute when a draft does not say. */
  public static final int DEFAULT_THROTTLE_PER_MINUTE = 600;

  /** The most a campaign may send per minute (providers throttle well below this). */
  public static final int MAX_THROTTLE_PER_MINUTE = 100_000;

  /**
   * Exactly one of a segment key (e.g. {@code high value}) or a customer query.
   *
   * @param segment a segment key; a dynamic segment's query is run at start time, a static
   *     segment's member list is read at start time
   */
  public record Audience(String segment, CustomerQuery query) {}

  /**
   * Exactly one of a start instant, or a local time on a date: "09:00 on 2026-12-01 in each
   * customer's time zone" sends to each time zone when it is 09:00 there.
   */
  public record Schedule(Instant startAt, LocalDate date, LocalTime localTime) {

    @JsonIgnore // derived, not a field of the JSON form
    public boolean isLocal() {
      return startAt == null && date != null && localTime != null;
    }
  }

  /** The throttle in force: the definition's, or the default. */
  public int throttle() {
    return throttlePerMinute == null ? DEFAULT_THROTTLE_PER_MINUTE : throttlePerMinute;
  }
}
