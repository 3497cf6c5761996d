package com.oxidly.domain.delivery;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

/**
 * The rules a message must pass before it may be claimed, except the frequency cap (which needs the
 * customer's lock, see {@link DeliveryLog#marketingSentSince}). All time judgements use the send's
 * {@code decidedAt}, never the wall clock.
 *
 * <p>Marketing: suspended and banned customers get none; each channel needs its consent (email,
 * SMS, push opt-in; in-app needs none: it is shown only inside the customer's own session); a
 * missing address suppresses; email, SMS and push wait out quiet hours in the customer's zone.
 *
 * <p>Transactional (receipts, password resets): only a ban or a missing address stops them — a
 * suspended customer still gets the receipt of an order they placed; no consent, no cap, no quiet
 * hours.
 */
final class DeliveryRules {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final DeliveryProperties.QuietHours quietHours;

  DeliveryRules(DeliveryProperties properties) {
    this.quietHours = properties.quietHours();
  }

  sealed interface Verdict {}

  /** May go: to this recipient (address, number, token or customer uuid). */
  record Allowed(String recipient) implements Verdict {}

  record Suppressed(String reason) implements Verdict {}

  record Deferred(String reason, Instant retryAt) implements Verdict {}

  Verdict judge(CustomerFacts customer, Channel channel, MessageClass messageClass, Instant at) {
    boolean marketing = messageClass == MessageClass.MARKETING;
    if ("banned".equals(customer.status())) {
      return new Suppressed("banned");
    }
    if (marketing && "suspended".equals(customer.status())) {
      return new Suppressed("suspended");
    }
    if (marketing && !consented(customer, channel)) {
      return new Suppressed("no_" + channel.key() + "_consent");
    }
    String recipient;
    switch (channel) {
      case EMAIL -> {
        if (blank(customer.email())) {
          return new Suppressed("no_email_address");
        }
        recipient = customer.email();
      }
      case SMS -> {
        if (blank(customer.phone())) {
          return new Suppressed("no_phone");
        }
        if (!E164.matcher(customer.phone()).matches()) {
          return new Suppressed("invalid_phone");
        }
        recipient = customer.phone();
      }
      case PUSH -> {
        if (blank(customer.pushToken())) {
          return new Suppressed("no_push_token");
        }
        recipient = customer.pushToken();
      }
      case IN_APP -> recipient = customer.uuid().toString();
      default -> throw new IllegalStateException("unknown channel " + channel);
    }
    if (marketing && channel != Channel.IN_APP && quietHours.enabled()) {
      Instant end = quietHoursEnd(zone(customer.timeZone()), at);
      if (end != null) {
        return new Deferred("quiet_hours", end);
      }
    }
    return new Allowed(recipient);
  }

  /** The end of the quiet hours {@code at} falls in, or null when it falls outside them. */
  Instant quietHoursEnd(ZoneId zone, Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalTime start = quietHours.start();
    LocalTime end = quietHours.end();
    if (start.equals(end)) {
      return null;
    }
    boolean quiet;
    LocalDate endDate;
    if (start.isAfter(end)) {
      // Spans midnight, e.g. 21:00-08:00.
      quiet = !time.isBefore(start) || time.isBefore(end);
      endDate = time.isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    } else {
      quiet = !time.isBefore(start) && time.isBefore(end);
      endDate = local.toLocalDate();
    }
    if (!quiet) {
      return null;
    }
    // ZonedDateTime.of moves a time in a DST gap forward, so the retry is never in the past.
    return ZonedDateTime.of(endDate, end, zone).toInstant();
  }

  static ZoneId zone(String timeZone) {
    try {
      return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private static boolean consented(CustomerFacts customer, Channel channel) {
    return switch (channel) {
      case EMAIL -> customer.emailOptIn();
      case SMS -> customer.smsOptIn();
      case PUSH -> customer.pushOptIn();
      case IN_APP -> true;
    };
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
