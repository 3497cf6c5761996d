package com.oxidly.ui.campaigns;

import static com.oxidly.ui.OxidlyProcesses.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.OxidlyProcesses;
import com.oxidly.ui.TestHttp;
import io.temporal.testserver.TestServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The campaign engine's crash promise: a broadcast to 10,000 customers whose Oxidly process is
 * killed with SIGKILL three times while it sends, and started again each time, ends with exactly
 * one delivery per eligible customer, none for the ineligible, every eligible customer's email in
 * the SMTP server, and no more duplicates there than messages were in flight at the kills.
 *
 * <p>Temporal (a port-bound test server running in real time) and the SMTP server (GreenMail) live
 * in this test's JVM, so they outlive the killed processes, as a real cluster and mail relay would.
 * The processes run everything else: web, workers, delivery. The report of each run (kills,
 * messages in flight, duplicates) is written to {@code target/broadcast-crash-report.md}.
 */
@OxidlyIntegrationTest
class BroadcastSurvivesKillsTest {

  private static final int CUSTOMERS = 10_000;

  /** Share of the audience sent when each kill comes. */
  private static final double[] KILL_AT = {0.15, 0.45, 0.75};

  @Autowired Environment environment;

  private TestServer.PortBoundTestServer temporal;
  private GreenMail smtp;
  private OxidlyProcesses processes;

  @AfterEach
  void stop() throws Exception {
    if (processes != null) {
      processes.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aBroadcastKilledThreeTimesSendsExactlyOnceToEveryEligibleCustomer() throws Exception {
    int port = OxidlyProcesses.freePort();
    int temporalPort = OxidlyProcesses.freePort();
    int mailPort = OxidlyProcesses.freePort();
    temporal = TestServer.createPortBoundServer(temporalPort, true);
    smtp = new GreenMail(new ServerSetup(mailPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    processes =
        new OxidlyProcesses(
            "crash",
            environment.getProperty("oxidly.elasticsearch.url"),
            List.of(
                "--server.port=" + port,
                "--spring.temporal.connection.target=127.0.0.1:" + temporalPort,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mailPort,
                // The test server never reroutes a task left on a dead worker's sticky queue.
                "--oxidly.temporal.sticky-workflows=false",
                "--oxidly.index.outbox.enabled=false"));
    long started = System.nanoTime();

    int generation = 1;
    Process current = processes.start("node-" + generation, List.of());
    TestHttp http = OxidlyProcesses.awaitReady(current, port);
    Audience audience = importAudience(http);
    long campaign = scheduleBroadcast(http);
    JdbcTemplate jdbc = processes.jdbc();

    List<Kill> kills = new ArrayList<>();
    for (double share : KILL_AT) {
      long threshold = Math.round(audience.eligible().size() * share);
      awaitSent(jdbc, current, threshold);
      OxidlyProcesses.kill(current);
      kills.add(
          new Kill(
              count(jdbc, "status = 'sent'"),
              count(jdbc, "status = 'claimed'"),
              smtp.getReceivedMessages().length));
      generation++;
      current = processes.start("node-" + generation, List.of());
      http = OxidlyProcesses.awaitReady(current, port);
    }
    JsonNode done = awaitCompleted(http, campaign);

    Map<String, Integer> mailsPerRecipient = mailsPerRecipient();
    int received = mailsPerRecipient.values().stream().mapToInt(Integer::intValue).sum();
    int duplicates = received - mailsPerRecipient.size();
    long inFlightAtKills = kills.stream().mapToLong(Kill::claimed).sum();
    report(audience, kills, received, duplicates, Duration.ofNanos(System.nanoTime() - started));

    assertThat(kills)
        .as("each kill came in the middle of sending")
        .allSatisfy(kill -> assertThat(kill.sent()).isBetween(1L, audience.eligible().size() - 1L));
    assertThat(count(jdbc, "status = 'sent'")).isEqualTo(audience.eligible().size());
    assertThat(
            jdbc.queryForObject(
                "select count(distinct customer_uuid) from deliveries where status = 'sent'",
                Long.class))
        .isEqualTo(audience.eligible().size());
    assertThat(count(jdbc, "status in ('claimed', 'failed')")).isZero();
    assertThat(
            jdbc.queryForObject(
                """
                select count(*) from deliveries d join customers c using (customer_uuid)
                 where d.status = 'sent' and (not c.email_opt_in or c.status <> 'active')\
                """,
                Long.class))
        .as("nothing sent to a customer without consent or not active")
        .isZero();
    assertThat(count(jdbc, "status = 'suppressed'")).isEqualTo(audience.ineligible().size());

    assertThat(mailsPerRecipient.keySet())
        .as("every eligible customer's email reached the SMTP server, and no other")
        .isEqualTo(audience.eligible());
    assertThat(duplicates)
        .as("duplicates in the SMTP server, at most the messages in flight at the kills")
        .isLessThanOrEqualTo((int) inFlightAtKills);

    JsonNode progress = done.get("progress");
    assertThat(progress.get("queued").asInt()).isEqualTo(CUSTOMERS);
    assertThat(progress.get("sent").asInt()).isEqualTo(audience.eligible().size());
    assertThat(progress.get("failed").asInt()).isZero();
    assertThat(progress.get("suppressedTotal").asInt()).isEqualTo(audience.ineligible().size());
  }

  /** What one kill left behind: confirmed sends, sends claimed but unconfirmed, mails received. */
  private record Kill(long sent, long claimed, int received) {}

  private record Audience(Set<String> eligible, Set<String> ineligible) {}

  /**
   * Imports the audience through the API: most opted in and active; every tenth without email
   * consent, some banned or suspended. All live where it is early afternoon, so quiet hours never
   * defer the broadcast.
   */
  private static Audience importAudience(TestHttp http) {
    int hour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(13 - hour + 12, 24) - 12;
    String zone = offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    StringBuilder csv =
        new StringBuilder("email,first_name,country,timezone,status,email_opt_in\n");
    Set<String> eligible = new HashSet<>();
    Set<String> ineligible = new HashSet<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String email = "crash" + i + "@example.com";
      boolean optIn = i % 10 != 0;
      String status = i % 50 == 1 ? "banned" : i % 50 == 2 ? "suspended" : "active";
      (optIn && status.equals("active") ? eligible : ineligible).add(email);
      csv.append(email)
          .append(",Customer")
          .append(i)
          .append(",DE,")
          .append(zone)
          .append(',')
          .append(status)
          .append(',')
          .append(optIn)
          .append('\n');
    }
    TestHttp.Response started =
        http.send(
            "POST", "/api/import/customers?fileName=crash.csv", "text/csv", csv.toString(), TOKEN);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode finished = http.awaitImport(started.header("Location"), TOKEN, Duration.ofMinutes(5));
    assertThat(finished.get("inserted").asInt()).as(finished.toString()).isEqualTo(CUSTOMERS);
    return new Audience(eligible, ineligible);
  }

  private static long scheduleBroadcast(TestHttp http) {
    String campaign =
        """
        {"name": "Crash sale", "channel": "email", "messageClass": "marketing",
         "template": {"subject": "Crash sale for {{ customer.first_name }}",
                      "html": "<p>Everything must go.</p>"},
         "audience": {"query": {"type": "field", "field": "country",
                                "comparison": {"op": "eq", "values": ["DE"]}}},
         "schedule": {"startAt": "%s"},
         "throttlePerMinute": 100000}
        """
            .formatted(Instant.now().plusSeconds(2));
    TestHttp.Response created = http.post("/api/campaigns", campaign, TOKEN);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    TestHttp.Response scheduled = http.post("/api/campaigns/" + id + "/schedule", "", TOKEN);
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(202);
    return id;
  }

  private static void awaitSent(JdbcTemplate jdbc, Process node, long threshold) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(node.isAlive()).as("the Oxidly process is running (see target/*.log)").isTrue();
      if (count(jdbc, "status = 'sent'") >= threshold) {
        return;
      }
      OxidlyProcesses.sleep(Duration.ofMillis(20));
    }
    throw new AssertionError("fewer than " + threshold + " sent within 5 minutes");
  }

  private static JsonNode awaitCompleted(TestHttp http, long campaign) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    JsonNode current = null;
    while (System.nanoTime() < deadline) {
      current = http.get("/api/campaigns/" + campaign, TOKEN).json();
      if ("completed".equals(current.get("status").asString())) {
        return current;
      }
      OxidlyProcesses.sleep(Duration.ofMillis(500));
    }
    throw new AssertionError("campaign not completed within 10 minutes: " + current);
  }

  private static long count(JdbcTemplate jdbc, String condition) {
    return jdbc.queryForObject("select count(*) from deliveries where " + condition, Long.class);
  }

  private Map<String, Integer> mailsPerRecipient() throws MessagingException {
    Map<String, Integer> mails = new HashMap<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      for (Address recipient : mail.getAllRecipients()) {
        mails.merge(recipient.toString().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    return mails;
  }

  private static void report(
      Audience audience, List<Kill> kills, int received, int duplicates, Duration took)
      throws IOException {
    StringBuilder report =
        new StringBuilder("# Broadcast crash test\n\n")
            .append(
                "%,d customers: %,d eligible, %,d without consent or not active; %d kills;"
                    .formatted(
                        CUSTOMERS,
                        audience.eligible().size(),
                        audience.ineligible().size(),
                        kills.size()))
            .append(" %.0f s in all.\n\n".formatted(took.toMillis() / 1000.0))
            .append("| kill | sent before | in flight (claimed, unconfirmed) | mails received |\n")
            .append("| ---: | ---: | ---: | ---: |\n");
    for (int i = 0; i < kills.size(); i++) {
      Kill kill = kills.get(i);
      report.append(
          "| %d | %,d | %d | %,d |%n"
              .formatted(i + 1, kill.sent(), kill.claimed(), kill.received()));
    }
    report.append(
        "%nMails received in all: %,d; duplicates: %d (at most %d allowed: the messages in flight).%n"
            .formatted(received, duplicates, kills.stream().mapToLong(Kill::claimed).sum()));
    Path file = Path.of("target", "broadcast-crash-report.md");
    Files.writeString(file, report);
    System.out.print(report);
  }
}
