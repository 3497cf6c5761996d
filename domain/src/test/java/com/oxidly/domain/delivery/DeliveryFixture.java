package com.oxidly.domain.delivery;

import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/** A migrated database, the delivery beans wired by hand, and a provider that records sends. */
final class DeliveryFixture implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");

  /** A provider that keeps what it was given; {@link #pause} widens the in-flight window. */
  static final class RecordingTransport implements MessageTransport {
    final Channel channel;
    final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    volatile long pause;
    volatile String reject;

    /** A key the provider cannot take now (a transient failure: it throws). */
    volatile String unreachableFor;

    RecordingTransport(Channel channel) {
      this.channel = channel;
    }

    @Override
    public Channel channel() {
      return channel;
    }

    @Override
    public TransportResult send(OutgoingMessage message) {
      if (pause > 0) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (message.sendKey().equals(unreachableFor)) {
        throw new IllegalStateException("provider unreachable");
      }
      if (reject != null) {
        return TransportResult.rejected(reject);
      }
      sent.add(message);
      return TransportResult.accepted("provider-" + sent.size());
    }

    List<OutgoingMessage> to(String key) {
      return sent.stream().filter(m -> m.sendKey().equals(key)).toList();
    }
  }

  final TestDatabase database;
  final JdbcTemplate jdbc;
  final Links links;
  final RecordingTransport email = new RecordingTransport(Channel.EMAIL);
  final RecordingTransport sms = new RecordingTransport(Channel.SMS);
  final RecordingTransport push = new RecordingTransport(Channel.PUSH);
  final MessageDelivery delivery;
  final MessageRenderer renderer;

  DeliveryFixture(String name, LanguageModel model) {
    database =
        TestDatabase.create(
            "oxidly_test_"
                + name
                + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    jdbc = database.jdbc();
    DeliveryProperties properties = DeliveryProperties.defaults();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    links = new Links(jdbc, properties);
    renderer = new MessageRenderer(jdbc, links, new AiVariants(model, jdbc), clock);
    delivery =
        new MessageDelivery(
            database.dataSource(),
            jdbc,
            properties,
            renderer,
            links,
            List.of(email, sms, push, new InAppMessages(jdbc, clock)),
            clock);
  }

  DeliveryFixture(String name) {
    this(name, LanguageModelTestAccess.none());
  }

  /** A customer who agreed to everything, in the given zone. */
  UUID customer(String email, String timeZone) {
    UUID uuid = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, last_name, phone, city,"
            + " time_zone, signup_date, email_opt_in, sms_opt_in, push_opt_in, attributes) values"
            + " (?, ?, 'Ada', 'Lovelace', '+14155550100', 'London', ?, now(), true, true, true,"
            + " '{\"push_token\": \"tok-1\"}'::jsonb)",
        uuid,
        email,
        timeZone);
    return uuid;
  }

  static Send send(
      String key,
      String source,
      UUID customer,
      Channel channel,
      MessageClass messageClass,
      Instant at) {
    return new Send(
        key,
        source,
        "step-1",
        customer,
        channel,
        messageClass,
        new MessageTemplate(
            "Hello {{ customer.first_name }}",
            "<html><body><p>Hi {{ customer.first_name }}</p><a href=\"https://shop.example/cart/{{"
                + " cart_id }}\">Your cart</a></body></html>",
            "Hi {{ customer.first_name }}, cart {{ cart_id }}",
            null),
        Map.of("cart_id", "C-42"),
        at);
  }

  String status(String key) {
    return jdbc.queryForObject(
        "select status from deliveries where send_key = ?", String.class, key);
  }

  String reason(String key) {
    return jdbc.queryForObject(
        "select reason from deliveries where send_key = ?", String.class, key);
  }

  @Override
  public void close() {
    database.drop();
  }
}
