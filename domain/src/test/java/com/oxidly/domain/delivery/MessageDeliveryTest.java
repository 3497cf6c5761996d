package com.oxidly.domain.delivery;

import static com.oxidly.domain.delivery.DeliveryFixture.NOW;
import static com.oxidly.domain.delivery.DeliveryFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.delivery.SendOutcome.Status;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The delivery log and the delivery rules against a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageDeliveryTest {

  private DeliveryFixture fixture;

  @BeforeAll
  void database() {
    fixture = new DeliveryFixture("delivery");
  }

  @AfterAll
  void drop() {
    fixture.close();
  }

  @Test
  void aConfirmedKeyRetriedIsSentOnlyOnce() {
    UUID ada = fixture.customer("once@example.com", "UTC");
    Send send = send("k-once", "journey:1:v1", ada, Channel.EMAIL, MessageClass.MARKETING, NOW);

    SendOutcome first = fixture.delivery.deliver(send);
    SendOutcome retry = fixture.delivery.deliver(send);

    assertThat(first.status()).isEqualTo(Status.SENT);
    assertThat(retry.status()).isEqualTo(Status.SENT);
    assertThat(fixture.email.to("k-once")).hasSize(1);
    assertThat(fixture.status("k-once")).isEqualTo("sent");
    assertThat(
            fixture.jdbc.queryForObject(
                "select provider_message_id is not null and sent_at is not null"
                    + " and subject = 'Hello Ada' from deliveries where send_key = 'k-once'",
                Boolean.class))
        .isTrue();
    OutgoingMessage message = fixture.email.to("k-once").getFirst();
    assertThat(message.text()).startsWith("Hi Ada, cart C-42");
    assertThat(message.html()).contains("/t/c/").doesNotContain("href=\"https://shop.example");
    assertThat(message.unsubscribeUrl()).contains("/t/u/");
  }

  @Test
  void aClaimedButUnconfirmedKeyIsSentAgainWithWhatWasClaimed() {
    UUID ada = fixture.customer("crashed@example.com", "UTC");
    // A worker claimed this send and died before the provider answered.
    fixture.jdbc.update(
        "insert into deliveries (send_key, source, customer_uuid, channel, message_class, status,"
            + " decided_at, attempts, recipient, subject, body_text)"
            + " values ('k-crash', 'journey:1:v1', ?, 'email', 'marketing', 'claimed', ?, 1,"
            + " 'crashed@example.com', 'Claimed subject', 'Claimed text')",
        ada,
        Timestamp.from(NOW));

    SendOutcome outcome =
        fixture.delivery.deliver(
            send("k-crash", "journey:1:v1", ada, Channel.EMAIL, MessageClass.MARKETING, NOW));

    assertThat(outcome.status()).isEqualTo(Status.SENT);
    assertThat(fixture.email.to("k-crash")).hasSize(1);
    assertThat(fixture.email.to("k-crash").getFirst().subject()).isEqualTo("Claimed subject");
    assertThat(fixture.status("k-crash")).isEqualTo("sent");
    assertThat(
            fixture.jdbc.queryForObject(
                "select attempts from deliveries where send_key = 'k-crash'", Integer.class))
        .isEqualTo(2);
  }

  @Test
  void manyThreadsDeliveringTheSameKeySendOnce() throws Exception {
    UUID ada = fixture.customer("threads@example.com", "UTC");
    Send send = send("k-threads", "campaign:7", ada, Channel.SMS, MessageClass.MARKETING, NOW);
    fixture.sms.pause = 50;
    try {
      List<SendOutcome> outcomes = concurrently(12, i -> fixture.delivery.deliver(send));
      assertThat(outcomes).extracting(SendOutcome::status).containsOnly(Status.SENT);
      assertThat(fixture.sms.to("k-threads")).hasSize(1);
    } finally {
      fixture.sms.pause = 0;
    }
  }

  @Test
  void twoSourcesRacingForTheLastCapSlotGetOneMessageThrough() throws Exception {
    UUID ada = fixture.customer("caps@example.com", "UTC");
    // Two emails this week already, from other sources; one 8 days ago no longer counts.
    for (String key : List.of("cap-old-1", "cap-old-2")) {
      assertThat(
              fixture
                  .delivery
                  .deliver(
                      send(
                          key,
                          "campaign:1",
                          ada,
                          Channel.EMAIL,
                          MessageClass.MARKETING,
                          NOW.minus(Duration.ofDays(2))))
                  .status())
          .isEqualTo(Status.SENT);
    }
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "cap-older",
                        "campaign:0",
                        ada,
                        Channel.EMAIL,
                        MessageClass.MARKETING,
                        NOW.minus(Duration.ofDays(8)).minus(Duration.ofDays(7))))
                .status())
        .isEqualTo(Status.SENT);
    // Everyone who counted before the winner's claim would see a free slot without the lock.
    fixture.delivery.afterCapCount = () -> sleep(30);
    List<SendOutcome> outcomes;
    try {
      outcomes =
          concurrently(
              6,
              i ->
                  fixture.delivery.deliver(
                      send(
                          "cap-race-" + i,
                          i % 2 == 0 ? "journey:5:v1" : "campaign:9",
                          ada,
                          Channel.EMAIL,
                          MessageClass.MARKETING,
                          NOW)));
    } finally {
      fixture.delivery.afterCapCount = () -> {};
    }
    assertThat(outcomes).filteredOn(o -> o.status() == Status.SENT).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o.status() == Status.SUPPRESSED)
        .hasSize(5)
        .allSatisfy(o -> assertThat(o.reason()).isEqualTo("frequency_cap:email:3/P7D"));
    assertThat(
            fixture.jdbc.queryForObject(
                "select count(*) from deliveries where customer_uuid = ? and status = 'suppressed'"
                    + " and reason like 'frequency_cap:email:%'",
                Integer.class, ada))
        .isEqualTo(5);
    // Judged at decidedAt: in 4 days the week still holds three; in 6 the older two have left it.
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "cap-in-four-days",
                        "campaign:9",
                        ada,
                        Channel.EMAIL,
                        MessageClass.MARKETING,
                        NOW.plus(Duration.ofDays(4))))
                .status())
        .isEqualTo(Status.SUPPRESSED);
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "cap-in-six-days",
                        "campaign:9",
                        ada,
                        Channel.EMAIL,
                        MessageClass.MARKETING,
                        NOW.plus(Duration.ofDays(6))))
                .status())
        .isEqualTo(Status.SENT);
    // Transactional mail is not capped.
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "cap-receipt",
                        "orders",
                        ada,
                        Channel.EMAIL,
                        MessageClass.TRANSACTIONAL,
                        NOW))
                .status())
        .isEqualTo(Status.SENT);
  }

  @Test
  void quietHoursDeferMarketingToTheirEndInTheCustomersZoneButNotTransactional() {
    ZoneId newYork = ZoneId.of("America/New_York");
    UUID ada = fixture.customer("quiet@example.com", "America/New_York");
    Instant lateEvening = LocalDateTime.parse("2026-11-16T22:30:00").atZone(newYork).toInstant();

    SendOutcome marketing =
        fixture.delivery.deliver(
            send("k-quiet", "journey:2:v1", ada, Channel.SMS, MessageClass.MARKETING, lateEvening));
    SendOutcome transactional =
        fixture.delivery.deliver(
            send(
                "k-quiet-tx", "orders", ada, Channel.SMS, MessageClass.TRANSACTIONAL, lateEvening));

    assertThat(marketing.status()).isEqualTo(Status.DEFERRED);
    assertThat(marketing.reason()).isEqualTo("quiet_hours");
    assertThat(marketing.retryAt())
        .isEqualTo(LocalDateTime.parse("2026-11-17T08:00:00").atZone(newYork).toInstant());
    assertThat(fixture.sms.to("k-quiet")).isEmpty();
    assertThat(
            fixture.jdbc.queryForObject(
                "select count(*) from deliveries where send_key = 'k-quiet'", Integer.class))
        .isZero();
    assertThat(transactional.status()).isEqualTo(Status.SENT);
    // Asked again at retryAt with the same key, it goes.
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "k-quiet",
                        "journey:2:v1",
                        ada,
                        Channel.SMS,
                        MessageClass.MARKETING,
                        marketing.retryAt()))
                .status())
        .isEqualTo(Status.SENT);
  }

  @Test
  void noConsentSuspendedAndBannedAreSuppressedWithTheirReasonRecorded() {
    UUID noConsent = fixture.customer("noconsent@example.com", "UTC");
    fixture.jdbc.update(
        "update customers set sms_opt_in = false where customer_uuid = ?", noConsent);
    UUID suspended = fixture.customer("suspended@example.com", "UTC");
    fixture.jdbc.update(
        "update customers set status = 'suspended' where customer_uuid = ?", suspended);
    UUID banned = fixture.customer("banned@example.com", "UTC");
    fixture.jdbc.update("update customers set status = 'banned' where customer_uuid = ?", banned);
    UUID tokenless = fixture.customer("tokenless@example.com", "UTC");
    fixture.jdbc.update(
        "update customers set attributes = '{}' where customer_uuid = ?", tokenless);

    assertSuppressed("s-consent", noConsent, Channel.SMS, MessageClass.MARKETING, "no_sms_consent");
    assertSuppressed("s-suspended", suspended, Channel.EMAIL, MessageClass.MARKETING, "suspended");
    assertSuppressed("s-banned", banned, Channel.EMAIL, MessageClass.MARKETING, "banned");
    assertSuppressed("s-banned-tx", banned, Channel.EMAIL, MessageClass.TRANSACTIONAL, "banned");
    assertSuppressed("s-token", tokenless, Channel.PUSH, MessageClass.MARKETING, "no_push_token");
    // A receipt still reaches a suspended customer, and SMS without marketing consent.
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "s-suspended-tx",
                        "orders",
                        suspended,
                        Channel.EMAIL,
                        MessageClass.TRANSACTIONAL,
                        NOW))
                .status())
        .isEqualTo(Status.SENT);
    assertThat(
            fixture
                .delivery
                .deliver(
                    send(
                        "s-consent-tx",
                        "orders",
                        noConsent,
                        Channel.SMS,
                        MessageClass.TRANSACTIONAL,
                        NOW))
                .status())
        .isEqualTo(Status.SENT);
  }

  @Test
  void aProviderRejectionIsRecordedAsFailedAndNotRetried() {
    UUID ada = fixture.customer("bounce@example.com", "UTC");
    Send send = send("k-bounce", "campaign:3", ada, Channel.PUSH, MessageClass.MARKETING, NOW);
    fixture.push.reject = "fcm_404:UNREGISTERED";
    try {
      SendOutcome outcome = fixture.delivery.deliver(send);
      assertThat(outcome.status()).isEqualTo(Status.FAILED);
      assertThat(outcome.reason()).isEqualTo("fcm_404:UNREGISTERED");
    } finally {
      fixture.push.reject = null;
    }
    assertThat(fixture.delivery.deliver(send).status()).isEqualTo(Status.FAILED);
    assertThat(fixture.push.to("k-bounce")).isEmpty();
    assertThat(fixture.reason("k-bounce")).isEqualTo("fcm_404:UNREGISTERED");
  }

  @Test
  void aBrokenTemplateFailsWithTheReasonNamingThePart() {
    UUID ada = fixture.customer("broken@example.com", "UTC");
    Send good = send("k-broken", "journey:3:v1", ada, Channel.SMS, MessageClass.MARKETING, NOW);
    Send broken =
        new Send(
            good.sendKey(),
            good.source(),
            good.stepId(),
            ada,
            Channel.SMS,
            MessageClass.MARKETING,
            com.oxidly.domain.messaging.MessageTemplate.sms("Hi {{ customer.first_name | shout }}"),
            null,
            NOW);

    SendOutcome outcome = fixture.delivery.deliver(broken);

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.reason()).startsWith("template_error:text:").contains("shout");
  }

  @Test
  void inAppMessagesAreStoredForTheCustomer() {
    UUID ada = fixture.customer("inapp@example.com", "UTC");
    Send send =
        new Send(
            "k-inapp",
            "journey:4:v1",
            "banner",
            ada,
            Channel.IN_APP,
            MessageClass.MARKETING,
            new com.oxidly.domain.messaging.MessageTemplate(
                "Welcome back {{ customer.first_name }}", "<b>{{ offer }}</b>", null, null),
            java.util.Map.of("offer", "Free shipping"),
            Instant.parse("2026-11-16T03:00:00Z"));

    assertThat(fixture.delivery.deliver(send).status()).isEqualTo(Status.SENT);
    assertThat(fixture.delivery.deliver(send).status()).isEqualTo(Status.SENT);

    assertThat(new InAppMessages(fixture.jdbc, java.time.Clock.systemUTC()).recent(ada, 10))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.title()).isEqualTo("Welcome back Ada");
              assertThat(m.html()).isEqualTo("<b>Free shipping</b>");
            });
  }

  private void assertSuppressed(
      String key, UUID customer, Channel channel, MessageClass messageClass, String reason) {
    SendOutcome outcome =
        fixture.delivery.deliver(send(key, "journey:9:v1", customer, channel, messageClass, NOW));
    assertThat(outcome.status()).as(key).isEqualTo(Status.SUPPRESSED);
    assertThat(outcome.reason()).as(key).isEqualTo(reason);
    assertThat(fixture.status(key)).as(key).isEqualTo("suppressed");
    assertThat(fixture.reason(key)).as(key).isEqualTo(reason);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  interface Task {
    SendOutcome run(int index) throws Exception;
  }

  private static List<SendOutcome> concurrently(int threads, Task task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<SendOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.run(index);
                }));
      }
      List<SendOutcome> outcomes = new ArrayList<>();
      for (Future<SendOutcome> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    }
  }
}
