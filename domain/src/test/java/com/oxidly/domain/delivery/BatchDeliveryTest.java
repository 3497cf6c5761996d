package com.oxidly.domain.delivery;

import static com.oxidly.domain.delivery.DeliveryFixture.NOW;
import static com.oxidly.domain.delivery.DeliveryFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.oxidly.domain.delivery.SendOutcome.Status;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

/** {@link MessageDelivery#deliverAll} as broadcasts use it, against a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchDeliveryTest {

  private DeliveryFixture fixture;

  @BeforeAll
  void database() {
    fixture = new DeliveryFixture("batch");
  }

  @AfterAll
  void drop() {
    fixture.close();
  }

  @Test
  void aMixedBatchKeepsEveryRuleAndEachKeyIsSentOnce() {
    UUID allowed = fixture.customer("allowed@example.com", "UTC");
    UUID noConsent = fixture.customer("noconsent-b@example.com", "UTC");
    fixture.jdbc.update(
        "update customers set email_opt_in = false where customer_uuid = ?", noConsent);
    UUID banned = fixture.customer("banned-b@example.com", "UTC");
    fixture.jdbc.update("update customers set status = 'banned' where customer_uuid = ?", banned);
    // Two emails this week already: the batch's first send takes the last slot, its second not.
    UUID capped = fixture.customer("capped-b@example.com", "UTC");
    for (String key : List.of("b-cap-old-1", "b-cap-old-2")) {
      fixture.delivery.deliver(
          send(
              key,
              "campaign:1",
              capped,
              Channel.EMAIL,
              MessageClass.MARKETING,
              NOW.minus(Duration.ofDays(1))));
    }
    // 02:00 in Kiritimati (UTC+14) at noon UTC.
    UUID asleep = fixture.customer("asleep-b@example.com", "Pacific/Kiritimati");
    UUID done = fixture.customer("done-b@example.com", "UTC");
    assertThat(fixture.delivery.deliver(email("b-done", done, "campaign:20")).status())
        .isEqualTo(Status.SENT);
    UUID crashed = fixture.customer("crashed-b@example.com", "UTC");
    fixture.jdbc.update(
        "insert into deliveries (send_key, source, customer_uuid, channel, message_class, status,"
            + " decided_at, attempts, recipient, subject, body_text)"
            + " values ('b-crashed', 'campaign:20', ?, 'email', 'marketing', 'claimed', ?, 1,"
            + " 'crashed-b@example.com', 'Claimed subject', 'Claimed text')",
        crashed,
        Timestamp.from(NOW));
    int sentBefore = fixture.email.sent.size();

    List<Send> batch =
        List.of(
            email("b-allowed", allowed, "campaign:20"),
            email("b-noconsent", noConsent, "campaign:20"),
            email("b-banned", banned, "campaign:20"),
            email("b-cap-1", capped, "campaign:20"),
            email("b-cap-2", capped, "campaign:21"),
            email("b-asleep", asleep, "campaign:20"),
            email("b-done", done, "campaign:20"),
            email("b-crashed", crashed, "campaign:20"),
            email("b-allowed", allowed, "campaign:20"),
            email("b-unknown", UUID.randomUUID(), "campaign:20"));
    List<SendOutcome> outcomes = fixture.delivery.deliverAll(batch);

    assertThat(outcomes)
        .extracting(SendOutcome::sendKey)
        .containsExactlyElementsOf(batch.stream().map(Send::sendKey).toList());
    assertThat(outcomes)
        .extracting(SendOutcome::status, SendOutcome::reason)
        .containsExactly(
            tuple(Status.SENT, null),
            tuple(Status.SUPPRESSED, "no_email_consent"),
            tuple(Status.SUPPRESSED, "banned"),
            tuple(Status.SENT, null),
            tuple(Status.SUPPRESSED, "frequency_cap:email:3/P7D"),
            tuple(Status.DEFERRED, "quiet_hours"),
            tuple(Status.SENT, null),
            tuple(Status.SENT, null),
            tuple(Status.SENT, null),
            tuple(Status.SUPPRESSED, "unknown_customer"));
    assertThat(outcomes.get(5).retryAt()).isEqualTo(Instant.parse("2026-11-15T18:00:00Z"));

    // The provider got the allowed, the first capped and the re-sent claim, each once.
    assertThat(fixture.email.sent.subList(sentBefore, fixture.email.sent.size()))
        .extracting(OutgoingMessage::sendKey)
        .containsExactlyInAnyOrder("b-allowed", "b-cap-1", "b-crashed");
    assertThat(fixture.email.to("b-crashed").getFirst().subject()).isEqualTo("Claimed subject");
    assertThat(fixture.email.to("b-done")).hasSize(1);
    for (String key : List.of("b-allowed", "b-cap-1", "b-crashed", "b-done")) {
      assertThat(fixture.status(key)).as(key).isEqualTo("sent");
    }
    assertThat(fixture.reason("b-noconsent")).isEqualTo("no_email_consent");
    assertThat(fixture.reason("b-banned")).isEqualTo("banned");
    assertThat(fixture.reason("b-cap-2")).isEqualTo("frequency_cap:email:3/P7D");
    assertThat(
            fixture.jdbc.queryForObject(
                "select count(*) from deliveries where send_key in ('b-asleep', 'b-unknown')",
                Integer.class))
        .isZero();
    assertThat(
            fixture.jdbc.queryForObject(
                "select attempts from deliveries where send_key = 'b-crashed'", Integer.class))
        .isEqualTo(2);

    // The same batch again (an activity retry) sends nothing more and says the same.
    assertThat(fixture.delivery.deliverAll(batch)).isEqualTo(outcomes);
    assertThat(fixture.email.sent).hasSize(sentBefore + 3);
  }

  @Test
  void twoBatchesWithOverlappingKeysSendEachKeyOnce() throws Exception {
    List<Send> sends = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      UUID customer = fixture.customer("overlap-" + i + "@example.com", "UTC");
      sends.add(send("o-" + i, "campaign:30", customer, Channel.SMS, MessageClass.MARKETING, NOW));
    }
    // Reversed in the second batch, so that naive key-by-key locking would deadlock.
    List<Send> second = new ArrayList<>(sends.subList(15, 45));
    Collections.reverse(second);
    List<List<Send>> batches = List.of(sends.subList(0, 30), second);
    fixture.sms.pause = 10;
    List<List<SendOutcome>> outcomes = new ArrayList<>();
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
        List<Future<List<SendOutcome>>> futures = new ArrayList<>();
        for (List<Send> batch : batches) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return fixture.delivery.deliverAll(batch);
                  }));
        }
        for (Future<List<SendOutcome>> future : futures) {
          outcomes.add(future.get());
        }
      }
    } finally {
      fixture.sms.pause = 0;
    }

    assertThat(outcomes.get(0)).hasSize(30);
    assertThat(outcomes.get(1)).hasSize(30);
    assertThat(outcomes)
        .allSatisfy(
            batch -> assertThat(batch).extracting(SendOutcome::status).containsOnly(Status.SENT));
    for (Send send : sends) {
      assertThat(fixture.sms.to(send.sendKey())).as(send.sendKey()).hasSize(1);
      assertThat(fixture.status(send.sendKey())).isEqualTo("sent");
    }
  }

  @Test
  void aProviderFailureMidBatchLeavesTheRestClaimedAndARetryCompletesThem() {
    List<Send> sends = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UUID customer = fixture.customer("flaky-" + i + "@example.com", "UTC");
      sends.add(send("f-" + i, "campaign:40", customer, Channel.PUSH, MessageClass.MARKETING, NOW));
    }
    fixture.push.unreachableFor = "f-2";
    fixture.push.pause = 20;
    try {
      assertThatThrownBy(() -> fixture.delivery.deliverAll(sends))
          .hasMessageContaining("provider unreachable");
    } finally {
      fixture.push.unreachableFor = null;
      fixture.push.pause = 0;
    }
    List<String> confirmed =
        fixture.jdbc.queryForList(
            "select send_key from deliveries where source = 'campaign:40' and status = 'sent'",
            String.class);
    List<String> claimed =
        fixture.jdbc.queryForList(
            "select send_key from deliveries where source = 'campaign:40' and status = 'claimed'",
            String.class);
    assertThat(confirmed.size() + claimed.size()).isEqualTo(40);
    assertThat(claimed).contains("f-2").hasSizeGreaterThan(1);
    for (String key : confirmed) {
      assertThat(fixture.push.to(key)).as(key).hasSize(1);
    }
    for (String key : claimed) {
      assertThat(fixture.push.to(key)).as(key).isEmpty();
    }

    List<SendOutcome> retried = fixture.delivery.deliverAll(sends);

    assertThat(retried).extracting(SendOutcome::status).containsOnly(Status.SENT);
    for (Send send : sends) {
      assertThat(fixture.push.to(send.sendKey())).as(send.sendKey()).hasSize(1);
      assertThat(fixture.status(send.sendKey())).isEqualTo("sent");
    }
  }

  private static Send email(String key, UUID customer, String source) {
    return send(key, source, customer, Channel.EMAIL, MessageClass.MARKETING, NOW);
  }
}
