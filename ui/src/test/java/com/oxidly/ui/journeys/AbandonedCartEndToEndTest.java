package com.oxidly.ui.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.icegreen.greenmail.util.GreenMail;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The campaign engine's first promise, end to end: a published abandoned-cart journey reacts to
 * events posted to the API and sends a real SMTP email an hour of (skipped) Temporal time later,
 * unless the same cart was ordered.
 */
@OxidlyIntegrationTest
class AbandonedCartEndToEndTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail smtp;
  @Autowired WorkflowServiceStubs temporal;
  TestHttp http;
  JourneyApiClient journeys;
  TestServiceStubs timeMachine;

  @BeforeEach
  void clients() {
    http = new TestHttp(port);
    journeys = new JourneyApiClient(http);
    timeMachine =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder(temporal.getOptions()).build());
  }

  @AfterEach
  void closeTimeMachine() {
    timeMachine.shutdownNow();
  }

  @Test
  void anAbandonedCartIsEmailedAnHourLaterAndAnOrderedOneIsNot() {
    long journey = journeys.publishTemplate("abandoned-cart");
    // Customers who said yes to email, living where an hour from now is early afternoon, so
    // quiet hours (21:00-08:00 local) cannot defer the mail whenever this test runs.
    UUID abandons = reachableCustomer(10);
    UUID orders = reachableCustomer(11);
    String abandonsEmail = email(abandons);

    journeys.postEvent(abandons, "cart_updated", "{\"cart_id\": \"cart-a\"}");
    journeys.postEvent(orders, "cart_updated", "{\"cart_id\": \"cart-b\"}");
    journeys.awaitCurrentStep(abandons, journey, "wait-for-order");
    journeys.awaitCurrentStep(orders, journey, "wait-for-order");
    journeys.postEvent(orders, "order_placed", "{\"cart_id\": \"cart-b\", \"total\": 30}");
    journeys.awaitStatus(orders, journey, "exited");

    skip(Duration.ofMinutes(59));
    assertThat(mailsTo(abandonsEmail)).isEmpty();
    skip(Duration.ofMinutes(2));

    MimeMessage mail = awaitMailTo(abandonsEmail);
    assertThat(subject(mail)).endsWith(", your cart is waiting");
    assertThat(mailsTo(email(orders))).isEmpty();
    JsonNode run = journeys.runs(abandons, journey).getFirst();
    assertThat(run.get("steps").get(0).get("outcome").asString()).isEqualTo("timed_out");
    assertThat(run.get("steps").get(1).get("stepId").asString()).isEqualTo("cart-email");
    assertThat(run.get("steps").get(1).get("outcome").asString()).isEqualTo("sent");
    assertThat(run.get("currentStep").asString()).isEqualTo("wait-a-day");
  }

  private UUID reachableCustomer(int offset) {
    UUID customer =
        jdbc.queryForObject(
            "select customer_uuid from customers order by customer_uuid offset ? limit 1",
            UUID.class,
            offset);
    Instant inAnHour =
        Instant.ofEpochSecond(
                timeMachine
                    .blockingStub()
                    .getCurrentTime(com.google.protobuf.Empty.getDefaultInstance())
                    .getTime()
                    .getSeconds())
            .plus(Duration.ofHours(1));
    int utcHour = inAnHour.atOffset(ZoneOffset.UTC).getHour();
    int offsetHours = Math.floorMod(13 - utcHour + 12, 24) - 12;
    jdbc.update(
        """
        update customers set email_opt_in = true, status = 'active', time_zone = ?
         where customer_uuid = ?\
        """,
        ZoneOffset.ofHours(offsetHours).getId(),
        customer);
    return customer;
  }

  private void skip(Duration duration) {
    timeMachine
        .blockingStub()
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder()
                .setDuration(Durations.fromMillis(duration.toMillis()))
                .build());
  }

  private MimeMessage awaitMailTo(String address) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<MimeMessage> mails = mailsTo(address);
      if (!mails.isEmpty()) {
        assertThat(mails).hasSize(1);
        return mails.getFirst();
      }
      JourneyApiClient.pause();
    }
    throw new AssertionError("no mail to " + address + " within 30 s");
  }

  private List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(
            mail -> {
              try {
                return Arrays.stream(mail.getAllRecipients())
                    .anyMatch(r -> r.toString().equalsIgnoreCase(address));
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String email(UUID customer) {
    return jdbc.queryForObject(
        "select email from customers where customer_uuid = ?", String.class, customer);
  }
}
