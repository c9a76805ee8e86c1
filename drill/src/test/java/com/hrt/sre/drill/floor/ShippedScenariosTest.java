package com.hrt.sre.drill.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.drill.RepoFiles;
import com.hrt.sre.drill.scenario.ExpectedAlert;
import com.hrt.sre.drill.scenario.Scenario;
import com.hrt.sre.drill.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;

/** The scenario files and the monitoring configuration must agree, or a drill can never pass. */
class ShippedScenariosTest {

  @Test
  void everyExpectedAlertExistsAndIsExpectedInTheChannelItsRouteDeliversTo() {
    FloorCalculator floors =
        FloorCalculator.load(RepoFiles.prometheusYml(), RepoFiles.alertmanagerYml());

    for (Scenario scenario : ScenarioCatalog.load(RepoFiles.drills()).all()) {
      for (ExpectedAlert expected : scenario.expect()) {
        String where = scenario.file() + ": " + expected.alert();
        assertThat(floors.knows(expected.alert())).as(where + " has a rule").isTrue();
        assertThat(floors.floorOf(expected.alert()).channel())
            .as(where + " is routed to " + expected.channel())
            .contains(expected.channel());
      }
    }
  }
}
