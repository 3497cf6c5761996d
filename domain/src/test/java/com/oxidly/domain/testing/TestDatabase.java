package com.oxidly.domain.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A real, migrated PostgreSQL database that exists for one test class: created (replacing any
 * leftover of the same name) on the local server at 127.0.0.1:5432 and dropped afterwards.
 */
public record TestDatabase(String name, PGSimpleDataSource dataSource) {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  public static TestDatabase create(String name) {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Needs PostgreSQL at 127.0.0.1:5432 (user postgres)", e);
    }
    Flyway.configure()
        .dataSource(SERVER + name, "postgres", "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(SERVER + name);
    dataSource.setUser("postgres");
    return new TestDatabase(name, dataSource);
  }

  public JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource);
  }

  public NamedParameterJdbcTemplate namedJdbc() {
    return new NamedParameterJdbcTemplate(dataSource);
  }

  public void drop() {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop " + name, e);
    }
  }
}
