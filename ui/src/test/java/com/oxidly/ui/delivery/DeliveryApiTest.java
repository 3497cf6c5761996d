package com.oxidly.ui.delivery;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import com.oxidly.workflows.delivery.DeliveryActivities;
import com.oxidly.workflows.delivery.DeliveryOutcome;
import com.oxidly.workflows.delivery.DeliveryRequest;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery through the running application: the activity bean, the real SMTP server of local mode,
 * the built-in SMS and push providers, and the recipient endpoints (tracking, unsubscribe).
 */
@OxidlyIntegrationTest
class DeliveryApiTest {

  static final Instant NOON = Instant.parse("2026-11-15T12:00:00Z");

  @LocalServerPort int port;
  @Autowired DeliveryActivities delivery;
  @Autowired GreenMail smtp;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  private final List<UUID> created = new ArrayList<>();

  /** Other tests count the demo store's customers: leave it as it was, index included. */
  @AfterEach
  void removeTheCustomersOfThisTest() {
    created.forEach(uuid -> jdbc.update("delete from customers where customer_uuid = ?", uuid));
    created.clear();
    IndexCatchUp.await(index, jdbc);
  }

  private UUID customer(String email) {
    UUID uuid = UUID.randomUUID();
    created.add(uuid);
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, phone, time_zone, signup_date,"
            + " email_opt_in, sms_opt_in, push_opt_in, attributes) values (?, ?, 'Grace',"
            + " '+14155550123', 'UTC', now(), true, true, true, '{\"push_token\": \"dev-tok-9\"}')",
        uuid,
        email);
    return uuid;
  }

  private static DeliveryRequest request(
      String key, UUID customer, Channel channel, MessageTemplate template) {
    return new DeliveryRequest(
        key,
        "journey:1:v1",
        "step",
        customer.toString(),
        channel,
        MessageClass.MARKETING,
        template,
        Map.of("cart_id", "C-77"),
        NOON);
  }

  private List<MimeMessage> mailTo(String address) throws Exception {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().equals(address);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** The path of the first link in {@code text} starting with {@code prefix} after the base URL. */
  private static String path(String text, String prefix) {
    Matcher m =
        Pattern.compile("https?://[^/\"]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_.-]+)")
            .matcher(text);
    assertThat(m.find()).as("a %s link in %s", prefix, text).isTrue();
    return m.group(1);
  }

  @Test
  void aMarketingEmailArrivesOnceTrackedAndUnsubscribable() throws Exception {
    UUID grace = customer("grace-delivery@example.com");
    MessageTemplate template =
        MessageTemplate.email(
            "Your cart, {{ customer.first_name }}",
            "<html><body><p>Hi {{ customer.first_name }}</p><a href=\"https://shop.example/cart/{{"
                + " cart_id }}\">Back to cart</a></body></html>",
            "Hi {{ customer.first_name }}, https://shop.example/cart/{{ cart_id }}");
    DeliveryRequest request = request("ui-email-1", grace, Channel.EMAIL, template);

    assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryOutcome.Status.SENT);
    assertThat(delivery.deliver(request).status()).isEqualTo(DeliveryOutcome.Status.SENT);

    List<MimeMessage> inbox = mailTo("grace-delivery@example.com");
    assertThat(inbox).hasSize(1);
    MimeMessage mail = inbox.getFirst();
    assertThat(mail.getSubject()).isEqualTo("Your cart, Grace");
    String whole = GreenMailUtil.getWholeMessage(mail);
    assertThat(whole)
        .contains("multipart/alternative")
        .contains("text/plain")
        .contains("text/html");
    assertThat(mail.getHeader("List-Unsubscribe-Post", null))
        .isEqualTo("List-Unsubscribe=One-Click");
    String listUnsubscribe = mail.getHeader("List-Unsubscribe", null);
    assertThat(listUnsubscribe).contains("/t/u/").contains("<mailto:");
    String html =
        jdbc.queryForObject(
            "select body_html from deliveries where send_key = 'ui-email-1'", String.class);
    assertThat(html).contains("Hi Grace").doesNotContain("href=\"https://shop.example");

    TestHttp http = new TestHttp(port);
    TestHttp.Response click = http.get(path(html, "/t/c/"), null);
    assertThat(click.status()).isEqualTo(302);
    assertThat(click.header("Location")).isEqualTo("https://shop.example/cart/C-77");
    http.get(path(html, "/t/c/"), null);
    TestHttp.Response pixel = http.get(path(html, "/t/o/"), null);
    assertThat(pixel.status()).isEqualTo(200);
    assertThat(pixel.contentType()).isEqualTo("image/gif");
    assertThat(
            jdbc.queryForList(
                "select subject from interactions where customer_uuid = ? and type ="
                    + " 'campaign_response' and channel = 'email' order by subject",
                String.class,
                grace))
        .containsExactly("clicked https://shop.example/cart/C-77", "opened");
    // A forged or altered token leads nowhere.
    String forged = path(html, "/t/c/").replaceFirst(".$", "x");
    assertThat(http.get(forged, null).status()).isEqualTo(404);

    String unsubscribe = path(listUnsubscribe, "/t/u/");
    TestHttp.Response page = http.get(unsubscribe, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\"");
    assertThat(optedIn(grace)).isTrue();
    for (int i = 0; i < 2; i++) {
      TestHttp.Response oneClick =
          http.send(
              "POST",
              unsubscribe,
              "application/x-www-form-urlencoded",
              "List-Unsubscribe=One-Click",
              null);
      assertThat(oneClick.status()).isEqualTo(200);
    }
    assertThat(optedIn(grace)).isFalse();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from consent_events where customer_uuid = ? and channel = 'email'"
                    + " and not opted_in and source = 'unsubscribe'",
                Integer.class,
                grace))
        .isEqualTo(1);
    DeliveryOutcome after = delivery.deliver(request("ui-email-2", grace, Channel.EMAIL, template));
    assertThat(after.status()).isEqualTo(DeliveryOutcome.Status.SUPPRESSED);
    assertThat(after.reason()).isEqualTo("no_email_consent");
  }

  @Test
  void smsPushAndInAppGoThroughTheBuiltInProvidersAndTheApi() {
    UUID grace = customer("grace-channels@example.com");
    assertThat(
            delivery
                .deliver(
                    request(
                        "ui-sms-1",
                        grace,
                        Channel.SMS,
                        MessageTemplate.sms("Cart {{ cart_id }} waits, {{ customer.first_name }}")))
                .status())
        .isEqualTo(DeliveryOutcome.Status.SENT);
    assertThat(
            delivery
                .deliverAll(
                    List.of(
                        request(
                            "ui-push-1",
                            grace,
                            Channel.PUSH,
                            new MessageTemplate(
                                "Hi {{ customer.first_name }}", null, "Cart {{ cart_id }}", null)),
                        request(
                            "ui-inapp-1",
                            grace,
                            Channel.IN_APP,
                            new MessageTemplate(
                                "Welcome {{ customer.first_name }}", "<b>10%</b>", null, null))))
                .stream()
                .map(DeliveryOutcome::status))
        .containsExactly(DeliveryOutcome.Status.SENT, DeliveryOutcome.Status.SENT);

    assertThat(
            jdbc.queryForList(
                "select provider || '|' || recipient || '|' || coalesce(title, '') || '|' || body"
                    + " from local_provider_messages where customer_uuid = ? order by provider",
                String.class,
                grace))
        .containsExactly(
            "push|dev-tok-9|Hi Grace|Cart C-77", "sms|+14155550123||Cart C-77 waits, Grace");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from deliveries where customer_uuid = ? and status = 'sent'"
                    + " and provider_message_id is not null",
                Integer.class,
                grace))
        .isEqualTo(3);

    TestHttp.Response inApp =
        new TestHttp(port).get("/api/customers/" + grace + "/in-app-messages", BOOTSTRAP_TOKEN);
    assertThat(inApp.status()).isEqualTo(200);
    assertThat(inApp.json().get(0).get("title").asString()).isEqualTo("Welcome Grace");
    assertThat(
            new TestHttp(port).get("/api/customers/" + grace + "/in-app-messages", null).status())
        .isEqualTo(401);
  }

  private boolean optedIn(UUID customer) {
    return jdbc.queryForObject(
        "select email_opt_in from customers where customer_uuid = ?", Boolean.class, customer);
  }
}
