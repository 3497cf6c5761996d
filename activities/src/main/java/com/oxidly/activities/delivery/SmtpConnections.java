package com.oxidly.activities.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * At most {@code size} open SMTP connections (Jakarta Mail {@link Transport}s of the configured
 * {@code spring.mail.*} session), each used by one sender at a time and kept open between messages,
 * so a message costs its SMTP commands only and not a TCP and SMTP handshake. A connection that
 * failed is closed and never reused; one idle for a while is checked (NOOP) before use and replaced
 * when the server dropped it.
 */
final class SmtpConnections implements AutoCloseable {

  /** Servers drop idle connections after a while; older ones are checked before use. */
  private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long a sender waits for a free connection before it gives up (a transient failure). */
  private static final long WAIT_SECONDS = 60;

  /** An open connection and when it last finished a message. */
  record Connection(Transport transport, long idleSince) {}

  private final JavaMailSenderImpl settings;
  private final BlockingQueue<Connection> idle;
  private final AtomicInteger open = new AtomicInteger();
  private final int size;
  private volatile boolean closed;

  SmtpConnections(JavaMailSenderImpl settings, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one SMTP connection, was " + size);
    }
    this.settings = settings;
    this.size = size;
    this.idle = new ArrayBlockingQueue<>(size);
  }

  /**
   * A connected transport for the caller alone; hand it back with {@link #release} or {@link
   * #discard}.
   *
   * @throws MailSendException when no connection can be opened or none frees up in time
   */
  Transport acquire() {
    while (true) {
      if (closed) {
        throw new MailSendException("SMTP connections are closed (shutting down)");
      }
      Connection connection = idle.poll();
      if (connection == null && open.get() < size) {
        if (open.incrementAndGet() <= size) {
          return connect();
        }
        open.decrementAndGet();
      }
      if (connection == null) {
        try {
          connection = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MailSendException("interrupted waiting for an SMTP connection", e);
        }
        if (connection == null) {
          throw new MailSendException("no SMTP connection free for " + WAIT_SECONDS + " s");
        }
      }
      if (System.nanoTime() - connection.idleSince() < CHECK_AFTER_IDLE_NANOS
          || connection.transport().isConnected()) {
        return connection.transport();
      }
      discard(connection.transport());
    }
  }

  /** Returns a transport that is still in a good state (its last message settled). */
  void release(Transport transport) {
    if (closed || !idle.offer(new Connection(transport, System.nanoTime()))) {
      discard(transport);
    }
  }

  /** Closes a transport after trouble: the next sender opens a fresh connection. */
  void discard(Transport transport) {
    open.decrementAndGet();
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // Already broken: nothing left to close cleanly.
    }
  }

  private Transport connect() {
    try {
      Transport transport = settings.getSession().getTransport(protocol());
      transport.connect(
          settings.getHost(), settings.getPort(), settings.getUsername(), settings.getPassword());
      return transport;
    } catch (MessagingException | RuntimeException e) {
      open.decrementAndGet();
      throw new MailSendException("could not connect to the SMTP server: " + e.getMessage(), e);
    }
  }

  private String protocol() {
    return settings.getProtocol() == null ? "smtp" : settings.getProtocol();
  }

  @Override
  public void close() {
    closed = true;
    for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
      discard(connection.transport());
    }
  }
}
