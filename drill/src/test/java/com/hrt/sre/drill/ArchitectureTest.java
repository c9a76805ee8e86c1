package com.hrt.sre.drill;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.hrt.sre.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void followsTheProjectArchitectureRules() {
    ArchitectureRules.check("com.hrt.sre.drill");
  }

  /**
   * config → scenario → floor → report → observe → act → run: each uses only those below it (act
   * and observe do not use each other; run brings them together).
   */
  @Test
  void layersUseOnlyTheLayersBelowThem() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.hrt.sre.drill");
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("config")
        .definedBy("com.hrt.sre.drill.config..")
        .layer("scenario")
        .definedBy("com.hrt.sre.drill.scenario..")
        .layer("floor")
        .definedBy("com.hrt.sre.drill.floor..")
        .layer("report")
        .definedBy("com.hrt.sre.drill.report..")
        .layer("observe")
        .definedBy("com.hrt.sre.drill.observe..")
        .layer("act")
        .definedBy("com.hrt.sre.drill.act..")
        .layer("run")
        .definedBy("com.hrt.sre.drill.run..")
        .whereLayer("run")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("act")
        .mayOnlyBeAccessedByLayers("run")
        .whereLayer("observe")
        .mayOnlyBeAccessedByLayers("run")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("observe", "run")
        .whereLayer("floor")
        .mayOnlyBeAccessedByLayers("report", "observe", "run")
        .whereLayer("scenario")
        .mayOnlyBeAccessedByLayers("floor", "report", "observe", "act", "run")
        .check(classes);
  }
}
