package com.oxidly.ui.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.oxidly.domain.bench.BenchDatabase;
import com.oxidly.domain.bench.BenchOptions;
import com.oxidly.domain.bench.Machine;
import com.oxidly.domain.campaign.CampaignDefinition;
import com.oxidly.domain.campaign.CampaignRuns;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.domain.delivery.MessageDelivery;
import com.oxidly.domain.delivery.MessageTransport;
import com.oxidly.domain.delivery.OutgoingMessage;
import com.oxidly.domain.delivery.Send;
import com.oxidly.domain.delivery.TransportResult;
import com.oxidly.domain.demo.DemoStore;
import com.oxidly.domain.demo.DemoStoreSpec;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.ui.campaigns.CampaignLauncher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The campaign engine's figures: a broadcast through the campaign workflow next to raw PostgreSQL
 * inserts of the same delivery rows, and SMTP sends through the production email transport.
 */
final class DeliveryBenchmarks {

  private static final String DEFAULT_URL =
      "jdbc:postgresql://127.0.0.1:5432/oxidly_bench_delivery";

  /** The SMTP benchmark needs no customers, only a migrated database for the context. */
  private static final String SMTP_URL = "jdbc:postgresql://127.0.0.1:5432/oxidly_bench_smtp";

  private DeliveryBenchmarks() {}

  /**
   * {@code broadcast}: a marketing email to every customer of a demo store, scheduled through
   * {@link Campaigns} and run by the campaign workflow at the highest throttle, into the local SMTP
   * server. Quiet hours are switched off, so every eligible customer is sent to now (deferrals
   * would stretch the run to the next morning in each zone); frequency caps stay on.
   */
  static void broadcast(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            args,
            BenchOptions.names(BenchContext.OPTIONS, "customers", "seed", "batch", "direct-batch"));
    int customers = options.getInt("customers", 100_000);
    BenchOptions withUrl = ensureStore(options, DEFAULT_URL, customers);
    // Live segment upkeep would work through the whole generated store meanwhile.
    List<String> properties =
        List.of("oxidly.delivery.quiet-hours.enabled=false", "oxidly.segments.live.enabled=false");
    try (ConfigurableApplicationContext context = BenchContext.start(withUrl, false, properties)) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      // Earlier runs on this store would fill the frequency caps; this database is the bench's.
      jdbc.update("delete from deliveries");
      jdbc.update("delete from campaigns");
      jdbc.execute("vacuum analyze deliveries");
      long eligible =
          jdbc.queryForObject(
              "select count(*) from customers where status not in ('banned', 'suspended')"
                  + " and email_opt_in and coalesce(btrim(email), '') <> ''",
              Long.class);
      long audience = jdbc.queryForObject("select count(*) from customers", Long.class);
      GreenMail smtp = context.getBean(GreenMail.class);
      int mailsBefore = smtp.getReceivedMessages().length;

      Campaigns campaigns = context.getBean(Campaigns.class);
      long id =
          campaigns.create(
              new CampaignDefinition(
                  "bench broadcast " + Instant.now(),
                  Channel.EMAIL,
                  MessageClass.MARKETING,
                  template(),
                  new CampaignDefinition.Audience(null, new CustomerQuery.All()),
                  new CampaignDefinition.Schedule(Instant.now(), null, null),
                  CampaignDefinition.MAX_THROTTLE_PER_MINUTE),
              "bench");
      System.out.println(
          Machine.stamp(
              String.format(
                  Locale.ROOT,
                  "broadcast %d to %,d customers (%,d eligible)",
                  id,
                  audience,
                  eligible)));
      Duration cpu = Machine.processCpu();
      long started = System.nanoTime();
      campaigns.schedule(id, "bench");
      context.getBean(CampaignLauncher.class).start(id);
      awaitCampaign(jdbc, id, started);
      double wall = (System.nanoTime() - started) / 1e9;
      Duration runCpu = Machine.processCpu().minus(cpu);
      System.out.println(Machine.stamp("broadcast done"));

      String source = CampaignRuns.source(id);
      Map<String, Object> log =
          jdbc.queryForMap(
              """
              select count(*) as total,
                     count(*) filter (where status = 'sent') as sent,
                     count(*) filter (where status = 'suppressed') as suppressed,
                     count(*) filter (where status = 'failed') as failed,
                     count(*) filter (where status = 'claimed') as claimed,
                     extract(epoch from max(greatest(claimed_at, sent_at)) - min(claimed_at))
                       as seconds
                from deliveries where source = ?\
              """,
              source);
      long total = ((Number) log.get("total")).longValue();
      long sent = ((Number) log.get("sent")).longValue();
      long suppressed = ((Number) log.get("suppressed")).longValue();
      double seconds = ((Number) log.get("seconds")).doubleValue();
      int mails = smtp.getReceivedMessages().length - mailsBefore;

      int directBatch = options.getInt("direct-batch", 100);
      System.out.println(
          Machine.stamp("direct deliverAll in batches of " + directBatch + ", no workflow"));
      Direct direct = direct(context, directBatch);
      System.out.println(Machine.stamp("raw batched insert of " + total + " rows"));
      RawInsert raw = rawInsert(jdbc, source, options.getInt("batch", 1_000));
      System.out.println(Machine.stamp("done"));

      double recorded = total / seconds;
      System.out.println();
      System.out.println("| path | rows | seconds | rows/s |");
      System.out.println("| --- | ---: | ---: | ---: |");
      System.out.printf(
          Locale.ROOT,
          "| broadcast: campaign workflow, deliveries recorded (first claim to last confirmation)"
              + " | %,d | %.1f | %,.0f |%n",
          total,
          seconds,
          recorded);
      System.out.printf(
          Locale.ROOT,
          "| the same audience again through `MessageDelivery.deliverAll` called directly in"
              + " batches of %,d (no workflow, no throttle) | %,d | %.1f | %,.0f |%n",
          direct.batch(),
          direct.rows(),
          direct.seconds(),
          direct.rows() / direct.seconds());
      System.out.printf(
          Locale.ROOT,
          "| raw JDBC batched insert of the same rows (batches of %,d, scratch copy of"
              + " deliveries with its indexes) | %,d | %.1f | %,.0f |%n",
          raw.batch(),
          raw.rows(),
          raw.seconds(),
          raw.rows() / raw.seconds());
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "Broadcast at %.1f %% of raw insert. Schedule to completed: %.1f s wall, Oxidly JVM CPU"
              + " %.1f s. Log: %,d sent, %,d suppressed, %s failed, %s still claimed; %,d eligible"
              + " of %,d customers; %,d mails received by the local SMTP server.%n",
          100 * recorded / (raw.rows() / raw.seconds()),
          wall,
          runCpu.toNanos() / 1e9,
          sent,
          suppressed,
          log.get("failed"),
          log.get("claimed"),
          eligible,
          audience,
          mails);
      System.out.println("Suppressions by reason:");
      jdbc.query(
          "select reason, count(*) from deliveries where source = ? and status = 'suppressed'"
              + " group by 1 order by 2 desc",
          rs -> {
            System.out.printf(Locale.ROOT, "  %s: %,d%n", rs.getString(1), rs.getLong(2));
          },
          source);
      if (sent != eligible || total != audience || sent != mails) {
        throw new IllegalStateException(
            "sent "
                + sent
                + " of "
                + eligible
                + " eligible, "
                + total
                + " rows for "
                + audience
                + " customers, "
                + mails
                + " mails");
      }
    }
  }

  /**
   * {@code smtp}: marketing emails (html, text, List-Unsubscribe) through the application's email
   * transport into its local SMTP server, from as many threads as delivery sends with.
   */
  static void smtp(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(args, BenchOptions.names(BenchContext.OPTIONS, "messages", "threads"));
    int messages = options.getInt("messages", 20_000);
    BenchOptions withUrl = ensureStore(options, SMTP_URL, 0);
    try (ConfigurableApplicationContext context = BenchContext.start(withUrl, false)) {
      int threads =
          options.getInt(
              "threads",
              context
                  .getEnvironment()
                  .getProperty("oxidly.delivery.sender-threads", Integer.class, 4));
      MessageTransport email =
          context.getBeansOfType(MessageTransport.class).values().stream()
              .filter(transport -> transport.channel() == Channel.EMAIL)
              .findFirst()
              .orElseThrow();
      GreenMail smtp = context.getBean(GreenMail.class);
      int before = smtp.getReceivedMessages().length;
      // Warm-up: connections, classes and the JIT, as in a running worker.
      send(email, Math.min(500, messages), threads, "warmup");
      System.out.println(
          Machine.stamp(
              String.format(Locale.ROOT, "smtp %,d messages, %d threads", messages, threads)));
      Duration cpu = Machine.processCpu();
      long started = System.nanoTime();
      int accepted = send(email, messages, threads, "run");
      double seconds = (System.nanoTime() - started) / 1e9;
      Duration runCpu = Machine.processCpu().minus(cpu);
      System.out.println(Machine.stamp("done"));
      int received = smtp.getReceivedMessages().length - before - Math.min(500, messages);
      System.out.println();
      System.out.println(
          "| messages | sender threads | seconds | sends/s | received by GreenMail |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: |");
      System.out.printf(
          Locale.ROOT,
          "| %,d | %d | %.1f | %,.0f | %,d |%n",
          accepted,
          threads,
          seconds,
          accepted / seconds,
          received);
      System.out.printf(
          Locale.ROOT,
          "Oxidly JVM CPU (transport and GreenMail in one process): %.1f s%n",
          runCpu.toNanos() / 1e9);
      if (received != messages || accepted != messages) {
        throw new IllegalStateException(
            accepted + " accepted and " + received + " received of " + messages);
      }
    }
  }

  /** Sends {@code count} messages from {@code threads} threads; returns how many were accepted. */
  private static int send(MessageTransport email, int count, int threads, String run)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    TransportResult result = email.send(message(run, i));
                    if (result.isAccepted()) {
                      accepted.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    return accepted.get();
  }

  /** A message shaped like a rendered campaign email (tracked links, pixel, unsubscribe). */
  private static OutgoingMessage message(String run, int i) {
    String key = "bench-smtp:" + run + ":" + Instant.now().toEpochMilli() + ":" + i;
    String html =
        "<html><body><p>Hi Ada,</p><p>Our winter sale starts today: up to 40 % off coats, boots"
            + " and knitwear.</p><a href=\"http://localhost:8080/t/c/"
            + i
            + "\">Shop the sale</a><img src=\"http://localhost:8080/t/o/"
            + i
            + "\" width=\"1\" height=\"1\"><p><a href=\"http://localhost:8080/t/u/"
            + i
            + "\">Unsubscribe</a></p></body></html>";
    return new OutgoingMessage(
        key,
        UUID.randomUUID(),
        Channel.EMAIL,
        MessageClass.MARKETING,
        "customer-" + i + "@example.com",
        "Winter sale for Ada",
        html,
        "Hi Ada, our winter sale starts today: http://localhost:8080/t/c/" + i,
        "http://localhost:8080/t/u/" + i,
        "mailto:unsubscribe@oxidly.local?subject=unsubscribe%20" + i);
  }

  private static MessageTemplate template() {
    return MessageTemplate.email(
        "Winter sale for {{ customer.first_name }}",
        "<html><body><p>Hi {{ customer.first_name }},</p><p>Our winter sale starts today: up to 40"
            + " % off coats, boots and knitwear in {{ customer.city }}.</p>"
            + "<a href=\"https://shop.example/sale?utm_campaign=winter\">Shop the"
            + " sale</a></body></html>",
        "Hi {{ customer.first_name }}, our winter sale starts today: https://shop.example/sale");
  }

  /** Polls the campaign's status until it completed, printing progress every ten seconds. */
  private static void awaitCampaign(JdbcTemplate jdbc, long id, long started)
      throws InterruptedException {
    String source = CampaignRuns.source(id);
    long nextReport = System.nanoTime() + 10_000_000_000L;
    while (true) {
      String status =
          jdbc.queryForObject(
              "select status from campaigns where campaign_id = ?", String.class, id);
      if (status.equals("completed") || status.equals("cancelled")) {
        return;
      }
      if (System.nanoTime() >= nextReport) {
        Long rows =
            jdbc.queryForObject(
                "select count(*) from deliveries where source = ?", Long.class, source);
        System.out.printf(
            Locale.ROOT,
            "  %s: %,d deliveries  %.0f s  %s%n",
            status,
            rows,
            (System.nanoTime() - started) / 1e9,
            Machine.load());
        nextReport += 10_000_000_000L;
      }
      Thread.sleep(200);
    }
  }

  private record Direct(long rows, double seconds, int batch) {}

  /**
   * Every customer once more under a source of its own, through the delivery door itself in batches
   * like the campaign's pages, one after the other: what the activity can do when neither the
   * workflow nor the throttle sets the pace.
   */
  private static Direct direct(ConfigurableApplicationContext context, int batch) {
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    MessageDelivery delivery = context.getBean(MessageDelivery.class);
    List<UUID> customers =
        jdbc.queryForList("select customer_uuid from customers order by customer_uuid", UUID.class);
    String source = "bench-direct:" + System.currentTimeMillis();
    Instant at = Instant.now();
    MessageTemplate template = template();
    long started = System.nanoTime();
    for (int from = 0; from < customers.size(); from += batch) {
      List<Send> sends = new ArrayList<>();
      for (UUID customer : customers.subList(from, Math.min(customers.size(), from + batch))) {
        sends.add(
            new Send(
                source + ":" + customer,
                source,
                "direct",
                customer,
                Channel.EMAIL,
                MessageClass.MARKETING,
                template,
                Map.of("campaign_name", "direct"),
                at));
      }
      delivery.deliverAll(sends);
    }
    return new Direct(customers.size(), (System.nanoTime() - started) / 1e9, batch);
  }

  private record RawInsert(long rows, double seconds, int batch) {}

  /**
   * Inserts the campaign's delivery rows again, as they are, with plain JDBC batches into a fresh
   * copy of the deliveries table (defaults, checks, unique key and indexes; no foreign key). The
   * rows are read into memory before the clock starts.
   */
  private static RawInsert rawInsert(JdbcTemplate jdbc, String source, int batch)
      throws SQLException {
    List<Object[]> rows =
        jdbc.query(
            "select send_key || ':raw', source, step_id, customer_uuid, channel, message_class,"
                + " status, reason, decided_at, claimed_at, attempts, sent_at,"
                + " provider_message_id, recipient, subject, body_html, body_text, ai_variant"
                + " from deliveries where source = ? order by id",
            (ResultSet rs, int n) -> {
              Object[] row = new Object[18];
              for (int c = 0; c < row.length; c++) {
                row[c] = rs.getObject(c + 1);
              }
              return row;
            },
            source);
    try (Connection connection = jdbc.getDataSource().getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("drop table if exists bench_raw_deliveries");
        statement.execute("create table bench_raw_deliveries (like deliveries including all)");
      }
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into bench_raw_deliveries (send_key, source, step_id, customer_uuid,"
                  + " channel, message_class, status, reason, decided_at, claimed_at, attempts,"
                  + " sent_at, provider_message_id, recipient, subject, body_html, body_text,"
                  + " ai_variant) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int pending = 0;
        for (Object[] row : rows) {
          for (int c = 0; c < row.length; c++) {
            insert.setObject(c + 1, row[c]);
          }
          insert.addBatch();
          if (++pending == batch) {
            insert.executeBatch();
            connection.commit();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
          connection.commit();
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("drop table bench_raw_deliveries");
      }
      return new RawInsert(rows.size(), seconds, batch);
    }
  }

  /**
   * The bench's own database (never the shared {@code oxidly_bench}): kept when it already holds
   * {@code customers} demo customers (a migrated empty database when 0), else recreated with them.
   */
  private static BenchOptions ensureStore(BenchOptions options, String fallbackUrl, int customers)
      throws Exception {
    String url = options.get("jdbc-url", fallbackUrl);
    if (BenchDatabase.name(url).equals("oxidly_bench")) {
      throw new IllegalArgumentException(
          "oxidly_bench holds the shared 1M store; give these benchmarks a database of their own");
    }
    String user = options.get("user", "postgres");
    String password = options.get("password");
    if (storeCustomers(url, user, password) != customers) {
      System.out.println(Machine.stamp("generating a demo store of " + customers + " customers"));
      BenchDatabase.recreate(url, user, password);
      if (customers > 0) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        if (password != null) {
          dataSource.setPassword(password);
        }
        new DemoStore(dataSource)
            .load(
                new DemoStoreSpec(
                    options.getInt("seed", 42),
                    customers,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                (done, total) -> {});
      }
    }
    return options.with("jdbc-url", url);
  }

  /** Customers in the database, or -1 when it does not exist or has no store. */
  private static long storeCustomers(String url, String user, String password) {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    try (Connection connection = DriverManager.getConnection(url, credentials);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select count(*) from customers")) {
      return rs.next() ? rs.getLong(1) : -1;
    } catch (SQLException missing) {
      return -1;
    }
  }
}
