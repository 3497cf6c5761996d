package com.oxidly.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module arrows of ARCHITECTURE.md: domain <- workflows <- activities <- ui, never back. */
class ModuleArchitectureTest {

  private static JavaClasses oxidly;

  @BeforeAll
  static void importAll() {
    oxidly =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.oxidly");
  }

  @Test
  void domainKnowsNoTemporalUiOrHttp() {
    noClasses()
        .that()
        .resideInAPackage("com.oxidly.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.oxidly.workflows..",
            "com.oxidly.activities..",
            "com.oxidly.ui..",
            "io.temporal..",
            "com.vaadin..",
            "org.springframework.web..",
            "jakarta.servlet..")
        .check(oxidly);
  }

  @Test
  void workflowsDependOnlyOnDomain() {
    noClasses()
        .that()
        .resideInAPackage("com.oxidly.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.oxidly.activities..", "com.oxidly.ui..", "com.vaadin..")
        .check(oxidly);
  }

  @Test
  void activitiesKnowNoUi() {
    noClasses()
        .that()
        .resideInAPackage("com.oxidly.activities..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.oxidly.ui..", "com.vaadin..", "org.springframework.web..")
        .check(oxidly);
  }

  @Test
  void viewsDoNotReachPersistenceDirectly() {
    noClasses()
        .that()
        .resideInAPackage("com.oxidly.ui.views..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "co.elastic..")
        .because("views call services")
        .check(oxidly);
  }
}
