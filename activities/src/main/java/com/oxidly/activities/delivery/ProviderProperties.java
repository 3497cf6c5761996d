package com.oxidly.activities.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach the channel providers ({@code oxidly.delivery.providers.*}). SMTP is Spring's {@code
 * spring.mail.*}. An SMS or push provider without a base URL is the built-in one of local mode,
 * served by this application itself under {@code /local-providers/}.
 *
 * @param emailFrom the From of every email, e.g. {@code Shop <news@shop.example>}
 * @param timeout how long one provider request may take (connect and answer)
 */
@ConfigurationProperties("oxidly.delivery.providers")
record ProviderProperties(String emailFrom, Sms sms, Push push, Duration timeout) {

  /**
   * A Twilio-compatible SMS API.
   *
   * @param baseUrl e.g. {@code https://api.twilio.com}; blank = the built-in local provider
   */
  record Sms(String baseUrl, String accountSid, String authToken, String from) {
    Sms {
      baseUrl = blankToEmpty(baseUrl).replaceAll("/+$", "");
      accountSid = blankToEmpty(accountSid).isEmpty() ? "AClocal" : accountSid.strip();
      authToken = blankToEmpty(authToken).isEmpty() ? "local" : authToken.strip();
      from = blankToEmpty(from).isEmpty() ? "+15005550006" : from.strip();
    }
  }

  /**
   * Firebase Cloud Messaging HTTP v1.
   *
   * @param baseUrl e.g. {@code https://fcm.googleapis.com}; blank = the built-in local provider
   * @param accessToken an OAuth 2 access token for the project (sent as a bearer token)
   */
  record Push(String baseUrl, String project, String accessToken) {
    Push {
      baseUrl = blankToEmpty(baseUrl).replaceAll("/+$", "");
      project = blankToEmpty(project).isEmpty() ? "oxidly-local" : project.strip();
      accessToken = blankToEmpty(accessToken).isEmpty() ? "local" : accessToken.strip();
    }
  }

  ProviderProperties {
    emailFrom =
        blankToEmpty(emailFrom).isEmpty() ? "Oxidly <no-reply@oxidly.local>" : emailFrom.strip();
    sms = sms == null ? new Sms(null, null, null, null) : sms;
    push = push == null ? new Push(null, null, null) : push;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.strip();
  }
}
