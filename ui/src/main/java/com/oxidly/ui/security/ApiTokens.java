package com.oxidly.ui.security;

import com.oxidly.domain.text.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens for the REST API. Only a SHA-256 hash of each token is stored; the token itself is
 * shown once, when it is created. A bootstrap token from configuration acts as an admin token from
 * the first second, for scripts.
 */
@Service
public class ApiTokens {

  /** Prefix that makes Oxidly tokens recognisable in logs and secret scanners. */
  static final String PREFIX = "oxt_";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final byte[] bootstrapHash;
  private final SecureRandom random = new SecureRandom();

  ApiTokens(
      JdbcTemplate jdbc,
      Clock clock,
      @Value("${oxidly.security.bootstrap-token:}") String bootstrapToken) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.bootstrapHash =
        bootstrapToken == null || bootstrapToken.isBlank()
            ? null
            : Sha256.bytes(bootstrapToken.trim());
  }

  /** A token as listed; never contains the secret. */
  public record TokenInfo(
      UUID id,
      String name,
      Role role,
      String createdBy,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  /** The result of {@link #create}: the only time the secret is visible. */
  public record CreatedToken(TokenInfo info, String token) {}

  /** Who a valid token belongs to. */
  public record TokenPrincipal(UUID id, String name, Role role) {}

  public CreatedToken create(String name, Role role, String createdBy) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.update(
        "insert into api_tokens (token_id, name, token_hash, role, created_by, created_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        id,
        name.trim(),
        HexFormat.of().formatHex(Sha256.bytes(token)),
        role.code(),
        createdBy,
        Timestamp.from(now));
    return new CreatedToken(
        new TokenInfo(id, name.trim(), role, createdBy, now, null, null), token);
  }

  public List<TokenInfo> list() {
    return jdbc.query(
        "select token_id, name, role, created_by, created_at, last_used_at, revoked_at"
            + " from api_tokens order by created_at desc",
        (row, n) ->
            new TokenInfo(
                row.getObject("token_id", UUID.class),
                row.getString("name"),
                Role.fromCode(row.getString("role")),
                row.getString("created_by"),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("last_used_at")),
                instant(row.getTimestamp("revoked_at"))));
  }

  /**
   * Revokes a token at once; idempotent.
   *
   * @return false when there is no such token
   */
  public boolean revoke(UUID id) {
    return jdbc.update(
            "update api_tokens set revoked_at = coalesce(revoked_at, ?) where token_id = ?",
            Timestamp.from(clock.instant()),
            id)
        > 0;
  }

  /** The principal of a presented token, if it is valid and not revoked. */
  public Optional<TokenPrincipal> authenticate(String presented) {
    if (presented == null || presented.isBlank()) {
      return Optional.empty();
    }
    byte[] hash = Sha256.bytes(presented.trim());
    if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
      return Optional.of(new TokenPrincipal(new UUID(0, 0), "bootstrap", Role.ADMIN));
    }
    List<TokenPrincipal> found =
        jdbc.query(
            "update api_tokens set last_used_at = ? where token_hash = ? and revoked_at is null"
                + " returning token_id, name, role",
            (row, n) ->
                new TokenPrincipal(
                    row.getObject("token_id", UUID.class),
                    row.getString("name"),
                    Role.fromCode(row.getString("role"))),
            Timestamp.from(clock.instant()),
            HexFormat.of().formatHex(hash));
    return found.stream().findFirst();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
