package com.oxidly.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workflow code must replay identically: no I/O, no clock, no randomness, no threads, no
 * infrastructure. Time, randomness and ids come from {@code io.temporal.workflow.Workflow}.
 */
class WorkflowDeterminismRulesTest {

  private static JavaClasses workflowCode;

  @BeforeAll
  static void importWorkflowModule() {
    workflowCode =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.oxidly.workflows");
  }

  static final ArchRule NO_INFRASTRUCTURE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "java.sql..",
              "javax.sql..",
              "org.postgresql..",
              "co.elastic..",
              "org.elasticsearch..",
              "com.openai..",
              "jakarta.mail..",
              "com.vaadin..",
              "com.oxidly.activities..",
              "com.oxidly.ui..")
          .because("workflows orchestrate; activities do the I/O");

  static final ArchRule NO_DIRECT_IO =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.net..", "java.nio.file..", "java.nio.channels..")
          .because("I/O is a side effect and belongs in an activity");

  static final ArchRule NO_THREADS =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.util.concurrent..")
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Thread.class)
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .because("workflow threads are managed by Temporal; use Workflow.sleep and Async");

  static final ArchRule NO_CLOCK_RANDOM_OR_UUID =
      noClasses()
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethodWhere(
              com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                  com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("now")))
          .orShould()
          .callMethod(java.util.UUID.class, "randomUUID")
          .orShould()
          .callMethod(Math.class, "random")
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.util.Random.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.util.SplittableRandom.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.security.SecureRandom.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.time.Clock.class)
          .because("use Workflow.currentTimeMillis, Workflow.newRandom and Workflow.randomUUID");

  static final java.util.List<ArchRule> RULES =
      java.util.List.of(NO_INFRASTRUCTURE, NO_DIRECT_IO, NO_THREADS, NO_CLOCK_RANDOM_OR_UUID);

  @Test
  void workflowCodeFollowsEveryRule() {
    RULES.forEach(rule -> rule.check(workflowCode));
  }

  /** The rules must be able to fail: each one catches its own kind of offence. */
  @Test
  void rulesCatchOffences() {
    JavaClasses offenders =
        new ClassFileImporter()
            .importClasses(com.oxidly.workflows.fixtures.OffendingWorkflow.class);
    for (ArchRule rule : RULES) {
      org.assertj.core.api.Assertions.assertThat(rule.evaluate(offenders).hasViolation())
          .as(rule.getDescription())
          .isTrue();
    }
  }
}
