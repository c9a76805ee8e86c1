package com.hrt.sre.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture rules every module obeys (issue 10), checked by each module's {@code
 * ArchitectureTest}. A breach fails with ArchUnit's message naming the class, member and line.
 */
public final class ArchitectureRules {

  /** Package roots of all modules: a module may not use another module's code. */
  public static final List<String> MODULE_ROOTS =
      List.of(
          "com.hrt.sre.portal",
          "com.hrt.sre.mockslack",
          "com.hrt.sre.loadgen",
          "com.hrt.sre.batchsync",
          "com.hrt.sre.autohealer",
          "com.hrt.sre.gitops",
          "com.hrt.sre.drill");

  private ArchitectureRules() {}

  /** Imports the production classes of {@code moduleRoot} and checks every rule against them. */
  public static void check(String moduleRoot) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(moduleRoot);
    if (classes.isEmpty()) {
      throw new AssertionError("no classes found under " + moduleRoot);
    }
    for (ArchRule rule : rulesFor(moduleRoot)) {
      // A small module may have a single package or no field at all: nothing to check is fine.
      rule.allowEmptyShould(true).check(classes);
    }
  }

  static List<ArchRule> rulesFor(String moduleRoot) {
    String[] otherModules =
        MODULE_ROOTS.stream()
            .filter(root -> !root.equals(moduleRoot))
            .map(root -> root + "..")
            .toArray(String[]::new);
    return List.of(
        slices()
            .matching(moduleRoot + ".(*)..")
            .should()
            .beFreeOfCycles()
            .because("feature packages must not depend on each other in a cycle"),
        noFields()
            .should()
            .beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
            .because("dependencies are constructor-injected into private final fields"),
        noFields()
            .should()
            .beAnnotatedWith("jakarta.inject.Inject")
            .because("dependencies are constructor-injected into private final fields"),
        noFields()
            .should()
            .beAnnotatedWith("org.springframework.beans.factory.annotation.Value")
            .because("settings are bound by @ConfigurationProperties records"),
        noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
            .because("settings are bound by @ConfigurationProperties records, not @Value"),
        fields()
            .that()
            .areDeclaredInClassesThat()
            .areAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
            .should()
            .beFinal()
            .because("@ConfigurationProperties types are immutable records"),
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
            "log through SLF4J, one line per event (a CLI's own output goes through a PrintStream"
                + " given to it)"),
        noClasses()
            .should()
            .callMethod(Throwable.class, "printStackTrace")
            .because("log the exception through SLF4J"),
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(otherModules)
            .because("modules talk over HTTP and metrics only, never through each other's code"));
  }
}
