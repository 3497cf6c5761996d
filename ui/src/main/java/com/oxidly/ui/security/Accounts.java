package com.oxidly.ui.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People who sign in to the UI. At first start (no account at all) an admin and a marketer are
 * created, with passwords from properties or generated and printed once.
 */
@Service
@Order(0)
// Worker nodes serve no HTTP: no sign-in, no filter chains.
@ConditionalOnWebApplication
class Accounts implements UserDetailsService, ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final JdbcTemplate jdbc;
  private final PasswordEncoder passwords;
  private final String adminPassword;
  private final String marketerPassword;

  Accounts(
      JdbcTemplate jdbc,
      PasswordEncoder passwords,
      @Value("${oxidly.security.admin-password:}") String adminPassword,
      @Value("${oxidly.security.marketer-password:}") String marketerPassword) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.adminPassword = adminPassword;
    this.marketerPassword = marketerPassword;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return jdbc
        .query(
            "select username, password_hash, role, enabled from accounts where username = ?",
            (row, n) ->
                User.withUsername(row.getString("username"))
                    .password(row.getString("password_hash"))
                    .disabled(!row.getBoolean("enabled"))
                    .authorities(
                        AuthorityUtils.createAuthorityList(
                            Role.fromCode(row.getString("role")).authority()))
                    .build(),
            username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT))
        .stream()
        .findFirst()
        .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    // The advisory lock keeps two nodes starting at once from both creating the accounts.
    jdbc.execute("select pg_advisory_xact_lock(7402001)");
    Integer existing = jdbc.queryForObject("select count(*) from accounts", Integer.class);
    if (existing != null && existing > 0) {
      return;
    }
    create("admin", "Administrator", Role.ADMIN, adminPassword);
    create("marketer", "Marketer", Role.MARKETER, marketerPassword);
  }

  private void create(String username, String displayName, Role role, String configured) {
    String password = configured == null || configured.isBlank() ? generated() : configured;
    jdbc.update(
        "insert into accounts (username, display_name, password_hash, role) values (?, ?, ?, ?)",
        username,
        displayName,
        passwords.encode(password),
        role.code());
    if (configured == null || configured.isBlank()) {
      log.warn(
          "Created account '{}' ({}) with the generated password: {}  (shown only now)",
          username,
          role.code(),
          password);
    } else {
      log.info("Created account '{}' ({}) with the configured password", username, role.code());
    }
  }

  private static String generated() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
