package com.oxidly.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application against real services (see application-test.yaml). Every test class with
 * this annotation shares one application context, so the services start once per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(OxidlyIntegrationTest.CleanDatabase.class)
public @interface OxidlyIntegrationTest {

  /** Each run starts from an empty schema, so results do not depend on earlier runs. */
  @TestConfiguration(proxyBeanMethods = false)
  class CleanDatabase {
    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
      return flyway -> {
        flyway.clean();
        flyway.migrate();
      };
    }
  }
}
