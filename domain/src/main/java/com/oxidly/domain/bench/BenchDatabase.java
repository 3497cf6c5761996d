package com.oxidly.domain.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/** The PostgreSQL databases benchmarks create, migrate and connect to. */
public final class BenchDatabase {

  private static final Pattern POSTGRES_URL =
      Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");

  private BenchDatabase() {}

  /** The database named in a {@code jdbc:postgresql://host:port/name} URL. */
  public static String name(String url) {
    return matcher(url).group(2);
  }

  /** {@code url} with its database replaced by {@code database} (parameters kept). */
  public static String withName(String url, String database) {
    Matcher matcher = matcher(url);
    return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
  }

  /**
   * <b>Drops</b> the database named in {@code url} if it exists, creates it empty and migrates it
   * with the application's Flyway migrations.
   */
  public static void recreate(String url, String user, String password) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    String database = name(url);
    try (Connection connection =
            DriverManager.getConnection(withName(url, "postgres"), credentials);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists \"" + database + "\" with (force)");
      statement.execute("create database \"" + database + "\"");
    }
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** A connection pool of {@code size} connections. */
  public static HikariDataSource pool(String url, String user, String password, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  private static Matcher matcher(String url) {
    Matcher matcher = POSTGRES_URL.matcher(url);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "--jdbc-url must look like jdbc:postgresql://host:port/database, with a plain database"
              + " name, but was "
              + url);
    }
    return matcher;
  }
}
