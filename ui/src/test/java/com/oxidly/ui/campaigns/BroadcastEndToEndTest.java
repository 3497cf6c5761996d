package com.oxidly.ui.campaigns;

import static com.oxidly.ui.TestHttp.BOOTSTRAP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.icegreen.greenmail.util.GreenMail;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TestHttp;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A broadcast end to end: drafted and scheduled through the API, paused before its start and
 * resumed after it, sent through real delivery (consent and status rules, SMTP into GreenMail) by
 * the campaign workflow on Temporal's test server, and finished with statistics that match the
 * delivery log.
 */
@OxidlyIntegrationTest
class BroadcastEndToEndTest {

  private static final String CITY = "Broadcastville";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail smtp;
  @Autowired WorkflowServiceStubs temporal;
  @Autowired CustomerIndex index;
  TestHttp http;
  TestServiceStubs timeMachine;
  private final List<Map<String, Object>> originals = new ArrayList<>();

  @BeforeEach
  void clients() {
    http = new TestHttp(port);
    timeMachine =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder(temporal.getOptions()).build());
  }

  /** Other tests count and search the demo store: leave its customers as they were. */
  @AfterEach
  void restoreCustomersAndCloseTimeMachine() {
    originals.forEach(
        row ->
            jdbc.update(
                """
                update customers set city = ?, email = ?, email_opt_in = ?, status = ?,
                       time_zone = ?
                 where customer_uuid = ?\
                """,
                row.get("city"),
                row.get("email"),
                row.get("email_opt_in"),
                row.get("status"),
                row.get("time_zone"),
                row.get("customer_uuid")));
    originals.clear();
    IndexCatchUp.await(index, jdbc);
    timeMachine.shutdownNow();
  }

  @Test
  void aBroadcastPausedBeforeItsStartSendsOnceToEveryEligibleCustomerAfterResuming() {
    Instant startAt = temporalNow().plus(Duration.ofMinutes(10));
    List<UUID> audience =
        jdbc.queryForList(
            "select customer_uuid from customers order by customer_uuid offset 200 limit 12",
            UUID.class);
    originals.addAll(
        jdbc.queryForList(
            "select customer_uuid, city, email, email_opt_in, status, time_zone from customers"
                + " where customer_uuid = any(?)",
            (Object) audience.toArray(UUID[]::new)));
    // Midday where they live when the campaign starts, so quiet hours never defer it.
    int offsetHours = Math.floorMod(13 - startAt.atOffset(ZoneOffset.UTC).getHour() + 12, 24) - 12;
    jdbc.update(
        """
        update customers set city = ?, email_opt_in = true, status = 'active', time_zone = ?,
               email = 'broadcast-' || customer_uuid || '@example.com'
         where customer_uuid = any(?)\
        """,
        CITY,
        ZoneOffset.ofHours(offsetHours).getId(),
        audience.toArray(UUID[]::new));
    setCustomer(audience.get(0), "email_opt_in = false");
    setCustomer(audience.get(1), "email_opt_in = false");
    setCustomer(audience.get(2), "status = 'banned'");
    setCustomer(audience.get(3), "status = 'suspended'");
    List<UUID> eligible = audience.subList(4, audience.size());

    TestHttp.Response created =
        http.post(
            "/api/campaigns", campaign("{{ customer.first_name | shout }}", null), BOOTSTRAP_TOKEN);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    TestHttp.Response refused = http.post(schedule(id), "", BOOTSTRAP_TOKEN);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("problems").get(0).get("field").asString()).isEqualTo("template");
    assertThat(refused.json().get("problems").toString()).contains("shout", "schedule");

    TestHttp.Response edited =
        http.send(
            "PUT",
            "/api/campaigns/" + id,
            "application/json",
            campaign("Winter sale for {{ customer.first_name }}", startAt),
            BOOTSTRAP_TOKEN);
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    TestHttp.Response scheduled = http.post(schedule(id), "", BOOTSTRAP_TOKEN);
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(202);
    assertThat(scheduled.json().get("status").asString()).isEqualTo("scheduled");
    assertThat(
            http.send(
                    "PUT",
                    "/api/campaigns/" + id,
                    "application/json",
                    campaign("x", startAt),
                    BOOTSTRAP_TOKEN)
                .status())
        .isEqualTo(409);

    assertThat(http.post("/api/campaigns/" + id + "/pause", "", BOOTSTRAP_TOKEN).status())
        .isEqualTo(200);
    awaitCampaign(id, c -> "paused".equals(text(c.get("progress"), "phase")), "paused");
    skip(Duration.ofMinutes(15));
    JsonNode paused = campaign(id);
    assertThat(paused.get("status").asString()).isEqualTo("paused");
    assertThat(paused.get("progress").get("phase").asString()).isEqualTo("paused");
    assertThat(deliveries(id)).isZero();
    assertThat(mailsTo(email(eligible.getFirst()))).isEmpty();

    TestHttp.Response resumed = http.post("/api/campaigns/" + id + "/resume", "", BOOTSTRAP_TOKEN);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    JsonNode done = awaitCampaign(id, c -> "completed".equals(text(c, "status")), "completed");

    JsonNode progress = done.get("progress");
    assertThat(progress.get("source").asString()).isEqualTo("database");
    assertThat(progress.get("queued").asInt()).isEqualTo(12);
    assertThat(progress.get("sent").asInt()).isEqualTo(eligible.size());
    assertThat(progress.get("failed").asInt()).isZero();
    assertThat(progress.get("deferred").asInt()).isZero();
    assertThat(progress.get("suppressed").get("no_email_consent").asInt()).isEqualTo(2);
    assertThat(progress.get("suppressed").get("banned").asInt()).isEqualTo(1);
    assertThat(progress.get("suppressed").get("suspended").asInt()).isEqualTo(1);
    assertThat(progress.get("suppressedTotal").asInt()).isEqualTo(4);
    for (UUID customer : eligible) {
      List<MimeMessage> mails = mailsTo(email(customer));
      assertThat(mails).as("mails to " + customer).hasSize(1);
      assertThat(subject(mails.getFirst())).startsWith("Winter sale for ");
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from deliveries where customer_uuid = ? and source = ?"
                      + " and status = 'sent'",
                  Integer.class,
                  customer,
                  "campaign:" + id))
          .isEqualTo(1);
    }
    for (UUID customer : audience.subList(0, 4)) {
      assertThat(mailsTo(email(customer))).isEmpty();
    }
    assertThat(deliveries(id)).isEqualTo(12);
    assertThat(http.get("/api/campaigns", BOOTSTRAP_TOKEN).body()).contains("\"id\":" + id);
    assertThat(http.post("/api/campaigns/" + id + "/pause", "", BOOTSTRAP_TOKEN).status())
        .isEqualTo(409);
  }

  @Test
  void analystsReadCampaignsButCannotCreateOrSchedule() {
    String analyst =
        http.post("/api/tokens", "{\"name\":\"analyst\",\"role\":\"analyst\"}", BOOTSTRAP_TOKEN)
            .json()
            .get("token")
            .asString();
    assertThat(http.get("/api/campaigns", analyst).status()).isEqualTo(200);
    assertThat(http.post("/api/campaigns", campaign("Hi", null), analyst).status()).isEqualTo(403);
    TestHttp.Response unnamed =
        http.post("/api/campaigns", "{\"channel\": \"email\"}", BOOTSTRAP_TOKEN);
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(unnamed.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
  }

  private static String campaign(String subject, Instant startAt) {
    return """
    {"name": "Winter sale %s", "channel": "email", "messageClass": "marketing",
     "template": {"subject": "%s", "html": "<p>Our winter sale starts now.</p>"},
     "audience": {"query": {"type": "field", "field": "city",
                            "comparison": {"op": "eq", "values": ["%s"]}}},
     %s
     "throttlePerMinute": 600}
    """
        .formatted(
            subject.length(),
            subject,
            CITY,
            startAt == null ? "" : "\"schedule\": {\"startAt\": \"" + startAt + "\"},");
  }

  private static String schedule(long id) {
    return "/api/campaigns/" + id + "/schedule";
  }

  private void setCustomer(UUID customer, String assignment) {
    jdbc.update("update customers set " + assignment + " where customer_uuid = ?", customer);
  }

  private int deliveries(long id) {
    return jdbc.queryForObject(
        "select count(*) from deliveries where source = ?", Integer.class, "campaign:" + id);
  }

  private JsonNode campaign(long id) {
    TestHttp.Response response = http.get("/api/campaigns/" + id, BOOTSTRAP_TOKEN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private JsonNode awaitCampaign(long id, Predicate<JsonNode> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode campaign = null;
    while (System.nanoTime() < deadline) {
      campaign = campaign(id);
      if (condition.test(campaign)) {
        return campaign;
      }
      pause();
    }
    throw new AssertionError("campaign " + id + " not " + what + " within 60 s: " + campaign);
  }

  private Instant temporalNow() {
    return Instant.ofEpochSecond(
        timeMachine
            .blockingStub()
            .getCurrentTime(com.google.protobuf.Empty.getDefaultInstance())
            .getTime()
            .getSeconds());
  }

  private void skip(Duration duration) {
    timeMachine
        .blockingStub()
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder()
                .setDuration(Durations.fromMillis(duration.toMillis()))
                .build());
  }

  private List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(
            mail -> {
              try {
                return Arrays.stream(mail.getAllRecipients())
                    .anyMatch(r -> r.toString().equalsIgnoreCase(address));
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String email(UUID customer) {
    return jdbc.queryForObject(
        "select email from customers where customer_uuid = ?", String.class, customer);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
