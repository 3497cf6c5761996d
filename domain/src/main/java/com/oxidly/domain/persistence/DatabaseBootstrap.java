package com.oxidly.domain.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Creates the application's PostgreSQL database when it does not exist yet, before Flyway or
 * anything else opens a connection, so that a fresh machine needs no manual {@code createdb}.
 */
class DatabaseBootstrap implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);
  private static final Pattern POSTGRES_URL =
      Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_\\-]+)(\\?.*)?$");

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSourceProperties properties) {
      ensureDatabaseExists(
          properties.determineUrl(),
          properties.determineUsername(),
          properties.determinePassword());
    }
    return bean;
  }

  static void ensureDatabaseExists(String url, String username, String password) {
    Matcher matcher = POSTGRES_URL.matcher(url == null ? "" : url);
    if (!matcher.matches()) {
      return;
    }
    String database = matcher.group(2);
    String maintenanceUrl =
        matcher.group(1) + "postgres" + (matcher.group(3) == null ? "" : matcher.group(3));
    Properties credentials = new Properties();
    if (username != null) {
      credentials.setProperty("user", username);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
    try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials)) {
      try (var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
        check.setString(1, database);
        if (check.executeQuery().next()) {
          return;
        }
      }
      try (var create = connection.createStatement()) {
        create.execute("create database \"" + database + "\"");
        log.info("Created PostgreSQL database {}", database);
      }
    } catch (SQLException e) {
      // Not fatal here: the real connection attempt that follows reports the precise cause.
      log.warn("Could not check or create database {}: {}", database, e.getMessage());
    }
  }
}
