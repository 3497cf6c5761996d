package com.oxidly.domain.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed links in messages: the open pixel, click redirects and one-click unsubscribe. A token
 * carries what it is for (send key, target URL) and an HMAC-SHA256 of it under a secret every node
 * reads from the database, so the redirect only ever goes to URLs Oxidly itself put in a message
 * (no open redirect) and nobody can unsubscribe someone else by guessing.
 */
@Component
public class Links {

  /** What a verified token is for. */
  public enum Kind {
    OPEN("o"),
    CLICK("c"),
    UNSUBSCRIBE("u");

    final String code;

    Kind(String code) {
      this.code = code;
    }
  }

  /** A verified token: its kind, the send it belongs to and (for clicks) the target URL. */
  public record Token(Kind kind, String sendKey, String url) {}

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final JdbcTemplate jdbc;
  private final String baseUrl;
  private volatile byte[] secret;

  Links(JdbcTemplate jdbc, DeliveryProperties properties) {
    this.jdbc = jdbc;
    this.baseUrl = properties.publicBaseUrl();
  }

  public String openUrl(String sendKey) {
    return baseUrl + "/t/o/" + token(Kind.OPEN, sendKey, "");
  }

  public String clickUrl(String sendKey, String url) {
    return baseUrl + "/t/c/" + token(Kind.CLICK, sendKey, url);
  }

  public String unsubscribeUrl(String sendKey) {
    return baseUrl + "/t/u/" + token(Kind.UNSUBSCRIBE, sendKey, "");
  }

  /** The base URL links start with, e.g. {@code https://crm.example.com}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The token's meaning when its signature holds and its kind is {@code expected}. */
  public Optional<Token> verify(String token, Kind expected) {
    if (token == null || token.length() > 4_000) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODE.decode(token.substring(0, dot));
      signature = DECODE.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(signature, mac(payload))) {
      return Optional.empty();
    }
    String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
    if (fields.length != 3 || !fields[0].equals(expected.code)) {
      return Optional.empty();
    }
    return Optional.of(new Token(expected, fields[1], fields[2].isEmpty() ? null : fields[2]));
  }

  String token(Kind kind, String sendKey, String url) {
    byte[] payload = (kind.code + "\n" + sendKey + "\n" + url).getBytes(StandardCharsets.UTF_8);
    return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(mac(payload));
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
      byte[] full = mac.doFinal(payload);
      // 128 bits are plenty against forgery and keep links short.
      return java.util.Arrays.copyOf(full, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private byte[] secret() {
    byte[] current = secret;
    if (current == null) {
      String value =
          jdbc.queryForObject(
              "select value from delivery_settings where name = 'link_secret'", String.class);
      current = value.getBytes(StandardCharsets.UTF_8);
      secret = current;
    }
    return current;
  }
}
