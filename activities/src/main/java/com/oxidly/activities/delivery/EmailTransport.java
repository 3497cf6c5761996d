package com.oxidly.activities.delivery;

import com.oxidly.domain.delivery.DeliveryProperties;
import com.oxidly.domain.delivery.MessageTransport;
import com.oxidly.domain.delivery.OutgoingMessage;
import com.oxidly.domain.delivery.TransportResult;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.text.Sha256;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code spring.mail.*}, sent on a pool of open connections, one per delivery
 * sender thread: {@link SmtpConnections}): multipart/alternative html and text, and for marketing
 * the List-Unsubscribe (https and mailto) and RFC 8058 List-Unsubscribe-Post headers. The
 * Message-ID derives from the send key, so a message re-sent after a crash carries the same id and
 * receiving systems can tell it is the same message. An address the server refuses fails the
 * message for good; other SMTP trouble throws (retried).
 */
@Component
class EmailTransport implements MessageTransport, DisposableBean {

  private static final Session SESSION = Session.getInstance(new Properties());

  private final SmtpConnections connections;
  private final String from;

  @Autowired
  EmailTransport(
      JavaMailSenderImpl sender, ProviderProperties properties, DeliveryProperties delivery) {
    this(sender, properties, delivery.senderThreads());
  }

  /**
   * @param connections open SMTP connections at most: one per thread that sends at once
   */
  EmailTransport(JavaMailSenderImpl sender, ProviderProperties properties, int connections) {
    this.connections = new SmtpConnections(sender, connections);
    this.from = properties.emailFrom();
  }

  @Override
  public void destroy() {
    connections.close();
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public TransportResult send(OutgoingMessage message) {
    String messageId = "<" + Sha256.hex(message.sendKey()).substring(0, 32) + "@oxidly>";
    MimeMessage mime =
        new MimeMessage(SESSION) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    try {
      MimeMessageHelper helper =
          new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
      helper.setFrom(from);
      helper.setTo(message.recipient());
      helper.setSubject(message.subject() == null ? "" : message.subject());
      if (message.html() != null && message.text() != null) {
        helper.setText(message.text(), message.html());
      } else if (message.html() != null) {
        helper.setText(message.html(), true);
      } else {
        helper.setText(message.text() == null ? "" : message.text(), false);
      }
      if (message.unsubscribeUrl() != null) {
        mime.setHeader(
            "List-Unsubscribe",
            "<" + message.unsubscribeUrl() + ">, <" + message.unsubscribeMailto() + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      mime.setSentDate(new Date());
      mime.saveChanges();
    } catch (AddressException e) {
      return TransportResult.rejected("invalid_address:" + e.getMessage());
    } catch (MessagingException e) {
      throw new IllegalStateException("could not build email " + message.sendKey(), e);
    }
    Transport transport = connections.acquire();
    try {
      transport.sendMessage(mime, mime.getAllRecipients());
    } catch (MessagingException e) {
      String refused = refusal(e);
      if (refused != null) {
        // The server refused the recipient and reset the transaction: the connection is fine.
        connections.release(transport);
        return TransportResult.rejected(refused);
      }
      // Whether the server took the message is unknown: the claim stays and a retry sends it.
      connections.discard(transport);
      throw new MailSendException("SMTP send of " + message.sendKey() + " failed", e);
    } catch (RuntimeException e) {
      connections.discard(transport);
      throw e;
    }
    connections.release(transport);
    return TransportResult.accepted(messageId);
  }

  /** The server's refusal of the recipient (a bounce at send time), or null for other trouble. */
  private static String refusal(MessagingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SendFailedException failed
          && failed.getInvalidAddresses() != null
          && failed.getInvalidAddresses().length > 0) {
        String detail =
            failed.getNextException() != null
                ? failed.getNextException().getMessage()
                : failed.getMessage();
        return "smtp_rejected:" + (detail == null ? "" : detail.strip());
      }
    }
    return null;
  }
}
