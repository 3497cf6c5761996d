package com.oxidly.activities.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.oxidly.domain.delivery.OutgoingMessage;
import com.oxidly.domain.delivery.TransportResult;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The channel adapters on the wire: a local HTTP provider and a real SMTP server (GreenMail). */
class ProviderAdaptersTest {

  record Received(
      String method, String path, String contentType, String authorization, String body) {}

  private HttpServer provider;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 201;
  private volatile String answer = "{\"sid\": \"SM123\"}";

  @BeforeEach
  void start() throws IOException {
    provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    provider.createContext(
        "/",
        exchange -> {
          try (exchange) {
            received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    provider.start();
  }

  @AfterEach
  void stop() {
    provider.stop(0);
  }

  private ProviderProperties properties() {
    String base = "http://127.0.0.1:" + provider.getAddress().getPort() + "/api";
    return new ProviderProperties(
        "Shop <news@shop.example>",
        new ProviderProperties.Sms(base, "AC123", "secret", "+15550001111"),
        new ProviderProperties.Push(base, "shop-app", "ya29.token"),
        Duration.ofSeconds(5));
  }

  private static OutgoingMessage message(Channel channel, String recipient) {
    return new OutgoingMessage(
        "journey:1:v1:s:" + UUID.randomUUID(),
        UUID.randomUUID(),
        channel,
        MessageClass.MARKETING,
        recipient,
        "Cart waiting",
        null,
        "Your cart C-42 & more",
        null,
        null);
  }

  @Test
  void smsIsAFormPostToTheTwilioMessagesResourceWithBasicAuth() {
    SmsTransport sms =
        new SmsTransport(properties(), new LocalProviderBase(new StandardEnvironment()));

    TransportResult result = sms.send(message(Channel.SMS, "+14155550100"));

    assertThat(result).isEqualTo(TransportResult.accepted("SM123"));
    Received request = received.getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/2010-04-01/Accounts/AC123/Messages.json");
    assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.authorization())
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("AC123:secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(URLDecoder.decode(request.body(), StandardCharsets.UTF_8))
        .isEqualTo("To=+14155550100&From=+15550001111&Body=Your cart C-42 & more");
    assertThat(request.body())
        .contains("To=%2B14155550100")
        .contains("Body=Your+cart+C-42+%26+more");
  }

  @Test
  void anSmsTheProviderRefusesFailsForGoodAndServerTroubleIsRetried() {
    SmsTransport sms =
        new SmsTransport(properties(), new LocalProviderBase(new StandardEnvironment()));
    status = 400;
    answer = "{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\"}";
    assertThat(sms.send(message(Channel.SMS, "+10000000")).rejection())
        .isEqualTo("twilio_400:21211 Invalid 'To' Phone Number");
    status = 503;
    assertThatThrownBy(() -> sms.send(message(Channel.SMS, "+14155550100")))
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void pushIsAnFcmV1MessageWithABearerToken() {
    PushTransport push =
        new PushTransport(properties(), new LocalProviderBase(new StandardEnvironment()));
    status = 200;
    answer = "{\"name\": \"projects/shop-app/messages/0:1\"}";

    TransportResult result = push.send(message(Channel.PUSH, "device-token-1"));

    assertThat(result).isEqualTo(TransportResult.accepted("projects/shop-app/messages/0:1"));
    Received request = received.getFirst();
    assertThat(request.path()).isEqualTo("/api/v1/projects/shop-app/messages:send");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.authorization()).isEqualTo("Bearer ya29.token");
    JsonNode body = JsonMapper.builder().build().readTree(request.body());
    assertThat(body.path("message").path("token").asString()).isEqualTo("device-token-1");
    assertThat(body.path("message").path("notification").path("title").asString())
        .isEqualTo("Cart waiting");
    assertThat(body.path("message").path("notification").path("body").asString())
        .isEqualTo("Your cart C-42 & more");

    status = 404;
    answer = "{\"error\": {\"code\": 404, \"status\": \"NOT_FOUND\"}}";
    assertThat(push.send(message(Channel.PUSH, "stale")).rejection())
        .isEqualTo("fcm_404:NOT_FOUND");
  }

  @Test
  void withoutAProviderOrAWebServerSmsSaysWhatToConfigure() {
    ProviderProperties none = new ProviderProperties(null, null, null, null);
    SmsTransport sms = new SmsTransport(none, new LocalProviderBase(new StandardEnvironment()));
    assertThatThrownBy(() -> sms.send(message(Channel.SMS, "+14155550100")))
        .hasMessageContaining("oxidly.delivery.providers.sms.base-url");
  }

  @Test
  void emailIsMultipartAlternativeWithOneClickUnsubscribeHeaders() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(smtp.getSmtp().getPort());
      EmailTransport email = new EmailTransport(sender, properties(), 2);
      OutgoingMessage message =
          new OutgoingMessage(
              "campaign:7:s1:abc",
              UUID.randomUUID(),
              Channel.EMAIL,
              MessageClass.MARKETING,
              "ada@example.com",
              "Hello Ada",
              "<p>Hi <a href=\"https://oxidly.example/t/c/x\">Ada</a></p>",
              "Hi Ada",
              "https://oxidly.example/t/u/token",
              "mailto:unsubscribe@oxidly.example?subject=unsubscribe%20token");

      TransportResult result = email.send(message);

      MimeMessage[] inbox = smtp.getReceivedMessages();
      assertThat(inbox).hasSize(1);
      MimeMessage mail = inbox[0];
      assertThat(result.providerMessageId()).isEqualTo(mail.getMessageID());
      assertThat(mail.getSubject()).isEqualTo("Hello Ada");
      assertThat(mail.getHeader("List-Unsubscribe", null))
          .isEqualTo(
              "<https://oxidly.example/t/u/token>,"
                  + " <mailto:unsubscribe@oxidly.example?subject=unsubscribe%20token>");
      assertThat(mail.getHeader("List-Unsubscribe-Post", null))
          .isEqualTo("List-Unsubscribe=One-Click");
      String structure = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(mail);
      assertThat(structure)
          .contains("multipart/alternative")
          .contains("text/plain")
          .contains("text/html");
      assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
      // The same key again carries the same Message-ID: receivers can tell a re-send.
      email.send(message);
      assertThat(smtp.getReceivedMessages()[1].getMessageID()).isEqualTo(mail.getMessageID());
    } finally {
      smtp.stop();
    }
  }

  @Test
  void emailKeepsItsConnectionOpenAndReplacesOneTheServerDropped() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    int port = smtp.getSmtp().getPort();
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    EmailTransport email = new EmailTransport(sender, properties(), 1);
    GreenMail restarted = null;
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(email.send(mail("pool:" + i)).isAccepted()).isTrue();
      }
      assertThat(smtp.getReceivedMessages()).hasSize(3);
      smtp.stop();
      restarted = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      restarted.start();

      // The pooled connection died with the server: that send is in doubt and throws (the
      // delivery retries it); the next one opens a fresh connection.
      assertThatThrownBy(() -> email.send(mail("pool:dropped")))
          .isInstanceOf(org.springframework.mail.MailSendException.class);
      assertThat(email.send(mail("pool:after")).isAccepted()).isTrue();
      assertThat(restarted.getReceivedMessages())
          .extracting(MimeMessage::getSubject)
          .containsExactly("pool:after");
    } finally {
      email.destroy();
      if (restarted != null) {
        restarted.stop();
      }
      smtp.stop();
    }
  }

  private static OutgoingMessage mail(String key) {
    return new OutgoingMessage(
        key,
        UUID.randomUUID(),
        Channel.EMAIL,
        MessageClass.TRANSACTIONAL,
        "grace@example.com",
        key,
        null,
        "Your receipt",
        null,
        null);
  }
}
