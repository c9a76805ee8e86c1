package com.hrt.sre.drill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.drill.RepoFiles;
import com.hrt.sre.drill.config.ConfigFileException;
import com.hrt.sre.drill.config.DrillProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillPlanTest {

  private static final String SCENARIO =
      """
      description: Slow portal.
      modes: [local]
      inject:
        local: {action: portal-chaos, body: {latencyMs: 800}}
      expect:
        - {alert: PortalHighLatency, channel: "#alerts"}
      heal:
        by: documented-fix
        runbook: docs/runbooks/PortalHighLatency.md
        local: {action: portal-chaos-reset}
      recoveredWhen: vector(1)
      limits: {recover: 2m, resolve: 5m}
      """;

  @TempDir Path dir;

  static DrillProperties shipped(String mode, String scenario) {
    return properties(RepoFiles.drills(), mode, scenario);
  }

  static DrillProperties properties(Path drills, String mode, String scenario) {
    return new DrillProperties(
        RepoFiles.root(),
        drills,
        Path.of("prometheus/prometheus.yml"),
        Path.of("prometheus/alertmanager.yml"),
        mode,
        scenario,
        Path.of(".local/drills"));
  }

  @Test
  void theLocalPlanGivesEachAlertItsFloorAndMarksClusterOnlyScenariosNotApplicable() {
    DrillPlan plan = DrillPlan.build(shipped("local", ""));

    assertThat(plan.lines())
        .startsWith("drill plan: mode=local scenarios=6")
        .contains(
            "errors: Half of the portal's API requests answer 503 (chaos failureRate 0.5).",
            "  inject: PUT /admin/chaos {failureRate=0.5}",
            "  expect: PortalHighErrorRate in #alerts-critical floor=150s (for 2m + scrape 10s"
                + " + evaluation 10s + group_wait 10s) slack=30s",
            "  expect: PortalSLOBurn in #alerts-critical floor=30s (for 0s + scrape 10s"
                + " + evaluation 10s + group_wait 10s) buildup=104s slack=30s",
            "  heal (documented-fix, docs/runbooks/PortalHighErrorRate.md): POST /admin/chaos/reset",
            "  limits: recover=2m resolve=8m budget=0.1",
            "  inject: stop the local load-generator process",
            "crashloop: not applicable in local mode",
            "healer-down: not applicable in local mode");
  }

  @Test
  void theClusterPlanShowsTheAutoHealerTheBuildupAndTheStalenessAge() {
    DrillPlan plan = DrillPlan.build(shipped("cluster", ""));

    assertThat(plan.lines())
        .contains(
            "  expect: PortalHighRestartRate in #alerts-critical floor=30s (for 0s + scrape 10s"
                + " + evaluation 10s + group_wait 10s) buildup=5m slack=30s",
            "  heal (auto-healer, docs/runbooks/PortalHighRestartRate.md): wait for the"
                + " auto-healer to roll the workload out",
            "  expect: AutoHealerStale in #alerts floor=330s (for 0s + scrape 10s + evaluation 10s"
                + " + age 5m + group_wait 10s) slack=30s",
            "  inject: scale deployment hrt-sre/pushgateway to 0")
        .noneMatch(line -> line.contains("not applicable"));
  }

  @Test
  void oneScenarioCanBeSelectedByName() {
    assertThat(DrillPlan.build(shipped("local", "latency")).lines())
        .first()
        .isEqualTo("drill plan: mode=local scenarios=1");
    assertThatThrownBy(() -> DrillPlan.build(shipped("local", "earthquake")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no scenario named earthquake; there are: [batch, crashloop,");
  }

  @Test
  void aUserScenarioExpectingAnAlertNoRuleDefinesIsRefused() throws IOException {
    Path file = write("mine.yaml", SCENARIO.replace("PortalHighLatency,", "PortalIsSlow,"));

    assertThatThrownBy(() -> DrillPlan.build(properties(dir, "local", "")))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(file + ": expect[0].alert: no alerting rule is named PortalIsSlow");
  }

  @Test
  void aConsequenceNoRuleDefinesIsRefused() throws IOException {
    Path file = write("mine.yaml", SCENARIO.replace("heal:", "consequences: [BatchIsSad]\nheal:"));

    assertThatThrownBy(() -> DrillPlan.build(properties(dir, "local", "")))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(file + ": consequences[0]: no alerting rule is named BatchIsSad");
  }

  @Test
  void aUserScenarioExpectingAnAlertInTheWrongChannelIsRefused() throws IOException {
    Path file = write("mine.yaml", SCENARIO.replace("\"#alerts\"", "\"#alerts-critical\""));

    assertThatThrownBy(() -> DrillPlan.build(properties(dir, "local", "")))
        .hasMessage(
            file
                + ": expect[0].channel: PortalHighLatency is routed to receiver slack-alerts"
                + " (#alerts), not #alerts-critical");
  }

  @Test
  void theValidUserScenarioPlans() throws IOException {
    write("mine.yaml", SCENARIO);

    assertThat(DrillPlan.build(properties(dir, "local", "")).lines())
        .contains("mine: Slow portal.", "  limits: recover=2m resolve=5m");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
