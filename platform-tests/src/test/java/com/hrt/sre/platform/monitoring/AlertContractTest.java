package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.monitoring.MonitoringFiles.AlertRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every alert owes its responder (DESIGN.md): severity and service labels, summary,
 * description and a runbook_url that leads to a runbook in docs/runbooks/ (whose sections
 * RunbooksTest checks) saying how the playground triggers it.
 */
class AlertContractTest {

  /** The alerts the design names, spelled exactly. */
  private static final Set<String> REQUIRED_ALERTS =
      Set.of(
          "PortalHighErrorRate",
          "PortalHighLatency",
          "PortalSLOBurn",
          "PortalSLOBurnSlow",
          "PortalHighRestartRate",
          "BatchSyncFailed",
          "BatchSyncStale",
          "AutoHealerStale",
          "AutoHealerGaveUp",
          "GitopsSyncStale",
          "TargetDown",
          "AlertmanagerNotificationsFailing",
          "Watchdog");

  // The responder's sections (Meaning ... Silencing) are RunbooksTest's; this one is the demo's.
  private static final List<String> RUNBOOK_SECTIONS = List.of("## How the playground triggers it");

  static List<AlertRule> alerts() {
    return MonitoringFiles.alertRules();
  }

  @Test
  void theDesignsAlertsExistWithTheirExactNamesAndNoOthersAreUndocumented() {
    assertThat(alerts().stream().map(AlertRule::name))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(REQUIRED_ALERTS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void alertCarriesSeverityServiceSummaryDescriptionAndRunbook(AlertRule alert) {
    assertThat(alert.labels().get("severity")).as("severity").isIn("page", "ticket");
    assertThat(alert.labels().get("service")).as("service").isNotBlank();
    assertThat(alert.annotations().get("summary")).as("summary").isNotBlank();
    assertThat(alert.annotations().get("description")).as("description").isNotBlank();
    assertThat(alert.annotations().get("runbook_url"))
        .as("runbook_url")
        .isEqualTo(MonitoringFiles.RUNBOOK_BASE + alert.name() + ".md");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void runbookExistsWithEverySection(AlertRule alert) {
    Path runbook = MonitoringFiles.runbooksDir().resolve(alert.name() + ".md");

    assertThat(runbook).as("runbook of %s", alert.name()).isRegularFile();
    String text = MonitoringFiles.read(runbook);
    assertThat(text).startsWith("# " + alert.name());
    for (String section : RUNBOOK_SECTIONS) {
      assertThat(text).as("%s has '%s'", runbook.getFileName(), section).contains(section);
    }
    assertThat(text)
        .as("%s names the severity it is routed by", runbook.getFileName())
        .contains("`" + alert.labels().get("severity") + "`");
  }

  @Test
  void everyRunbookBelongsToAnAlert() throws IOException {
    Set<String> names = alerts().stream().map(AlertRule::name).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(MonitoringFiles.runbooksDir())) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allSatisfy(
              file ->
                  assertThat(file.equals("README.md") || names.contains(file.replace(".md", "")))
                      .as("%s is README.md or the runbook of an alert", file)
                      .isTrue());
    }
  }
}
