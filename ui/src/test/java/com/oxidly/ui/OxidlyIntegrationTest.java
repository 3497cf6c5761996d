package com.oxidly.ui;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application against real services (see application-test.yaml). Every test class with
 * this annotation shares one application context, so the services start once per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({OxidlyIntegrationTest.CleanDatabase.class, OxidlyIntegrationTest.OneSecurityContext.class})
public @interface OxidlyIntegrationTest {

  /**
   * One security-context strategy for every application context of the test JVM. Vaadin makes one
   * per context and installs it as the static {@code SecurityContextHolder} strategy, so a second
   * context (a test with its own configuration) would leave the first one's views and mock users
   * reading a strategy that is not theirs. Production runs one context and keeps Vaadin's default.
   */
  @TestConfiguration(proxyBeanMethods = false)
  class OneSecurityContext {
    private static final SecurityContextHolderStrategy SHARED =
        new VaadinAwareSecurityContextHolderStrategy();

    @Bean
    SecurityContextHolderStrategy securityContextHolderStrategy() {
      return SHARED;
    }
  }

  /**
   * Each run starts from an empty schema in a database of its own, dropped when the context closes,
   * so results never depend on earlier or parallel runs.
   */
  @TestConfiguration(proxyBeanMethods = false)
  class CleanDatabase {
    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
      return flyway -> {
        flyway.clean();
        flyway.migrate();
      };
    }

    @Bean
    DisposableBean dropTestDatabase(DataSourceProperties properties) {
      String url = properties.determineUrl();
      String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
      String maintenance = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
      return () -> {
        try (Connection connection =
                DriverManager.getConnection(
                    maintenance, properties.determineUsername(), properties.determinePassword());
            Statement statement = connection.createStatement()) {
          statement.execute("drop database if exists \"" + database + "\" with (force)");
        }
      };
    }
  }
}
