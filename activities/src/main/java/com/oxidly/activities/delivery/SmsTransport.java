package com.oxidly.activities.delivery;

import com.oxidly.domain.delivery.MessageTransport;
import com.oxidly.domain.delivery.OutgoingMessage;
import com.oxidly.domain.delivery.TransportResult;
import com.oxidly.domain.messaging.Channel;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through a Twilio-compatible API: {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json}
 * with form-encoded To, From and Body and basic auth (account sid, auth token). A 4xx answer (an
 * invalid or unreachable number) fails the message for good; throttling, server errors and network
 * problems throw, so the activity retries.
 */
@Component
class SmsTransport implements MessageTransport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ProviderProperties.Sms settings;
  private final LocalProviderBase local;
  private final ProviderHttp http;

  SmsTransport(ProviderProperties properties, LocalProviderBase local) {
    this.settings = properties.sms();
    this.local = local;
    this.http = new ProviderHttp(properties.timeout());
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public TransportResult send(OutgoingMessage message) {
    String base = settings.baseUrl().isEmpty() ? local.url("sms") : settings.baseUrl();
    String url = base + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json";
    String form =
        "To="
            + encode(message.recipient())
            + "&From="
            + encode(settings.from())
            + "&Body="
            + encode(message.text() == null ? "" : message.text());
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (settings.accountSid() + ":" + settings.authToken())
                        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.post(url, "application/x-www-form-urlencoded", form, auth);
    int status = response.statusCode();
    if (status / 100 == 2) {
      JsonNode body = JSON.readTree(response.body());
      return TransportResult.accepted(body.path("sid").asString(null));
    }
    if (ProviderHttp.transientStatus(status) || status == 401 || status == 403) {
      throw new IllegalStateException(
          "SMS provider answered HTTP " + status + ": " + response.body());
    }
    String detail;
    try {
      JsonNode body = JSON.readTree(response.body());
      detail = body.path("code").asString("") + " " + body.path("message").asString("");
    } catch (RuntimeException notJson) {
      detail = "";
    }
    return TransportResult.rejected(("twilio_" + status + ":" + detail.strip()).strip());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
