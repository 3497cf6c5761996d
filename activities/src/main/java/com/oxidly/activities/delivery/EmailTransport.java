package com.oxidly.activities.delivery;

import com.oxidly.domain.delivery.MessageTransport;
import com.oxidly.domain.delivery.OutgoingMessage;
import com.oxidly.domain.delivery.TransportResult;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.text.Sha256;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP (Spring's {@link JavaMailSender}, {@code spring.mail.*}): multipart/alternative
 * html and text, and for marketing the List-Unsubscribe (https and mailto) and RFC 8058
 * List-Unsubscribe-Post headers. The Message-ID derives from the send key, so a message re-sent
 * after a crash carries the same id and receiving systems can tell it is the same message. An
 * address the server refuses fails the message for good; other SMTP trouble throws (retried).
 */
@Component
class EmailTransport implements MessageTransport {

  private static final Session SESSION = Session.getInstance(new Properties());

  private final JavaMailSender sender;
  private final String from;

  EmailTransport(JavaMailSender sender, ProviderProperties properties) {
    this.sender = sender;
    this.from = properties.emailFrom();
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
    } catch (AddressException e) {
      return TransportResult.rejected("invalid_address:" + e.getMessage());
    } catch (MessagingException e) {
      throw new IllegalStateException("could not build email " + message.sendKey(), e);
    }
    try {
      sender.send(mime);
    } catch (MailSendException e) {
      String refused = refusal(e);
      if (refused != null) {
        return TransportResult.rejected(refused);
      }
      throw e;
    } catch (MailException e) {
      throw e;
    }
    return TransportResult.accepted(messageId);
  }

  /** The server's refusal of the recipient (a bounce at send time), or null for other trouble. */
  private static String refusal(MailSendException e) {
    for (Exception failure : e.getFailedMessages().values()) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
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
    }
    return null;
  }
}
