package com.hrt.sre.drill.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.drill.RepoFiles;
import com.hrt.sre.drill.config.ConfigFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloorCalculatorTest {

  @TempDir Path dir;

  private static FloorCalculator shipped() {
    return FloorCalculator.load(RepoFiles.prometheusYml(), RepoFiles.alertmanagerYml());
  }

  @Test
  void portalHighErrorRateFloorIs150SecondsWithTheShippedConfiguration() {
    DetectionFloor floor = shipped().floorOf("PortalHighErrorRate");

    assertThat(floor.pendingFor()).isEqualTo(Duration.ofMinutes(2));
    assertThat(floor.scrapeInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(floor.evaluationInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(floor.groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(floor.firing()).isEqualTo(Duration.ofSeconds(140));
    assertThat(floor.total()).isEqualTo(Duration.ofSeconds(150));
    assertThat(floor.windows()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1));
    assertThat(floor.receiver()).isEqualTo("slack-critical");
    assertThat(floor.channel()).contains("#alerts-critical");
  }

  @Test
  void anAlertWithoutForIsFloredByTheIntervalsAndGroupWaitAlone() {
    DetectionFloor floor = shipped().floorOf("PortalSLOBurn");

    assertThat(floor.pendingFor()).isZero();
    assertThat(floor.total()).isEqualTo(Duration.ofSeconds(30));
    assertThat(floor.channel()).contains("#alerts-critical");
  }

  @Test
  void aTicketRoutesToTheAlertsChannel() {
    assertThat(shipped().floorOf("PortalHighLatency").channel()).contains("#alerts");
    assertThat(shipped().floorOf("PortalHighLatency").windows())
        .containsExactly(Duration.ofMinutes(5));
    assertThat(shipped().floorOf("TargetDown").total()).isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void aStalenessAlertAddsItsAgeThresholdReadFromTheExpression() {
    DetectionFloor healer = shipped().floorOf("AutoHealerStale");
    DetectionFloor batch = shipped().floorOf("BatchSyncStale");

    assertThat(healer.ageThreshold()).contains(Duration.ofSeconds(300));
    assertThat(healer.total()).isEqualTo(Duration.ofSeconds(330));
    // "> 3 * 300": the product is evaluated.
    assertThat(batch.ageThreshold()).contains(Duration.ofSeconds(900));
    assertThat(batch.total()).isEqualTo(Duration.ofSeconds(930));
    assertThat(shipped().floorOf("BatchSyncFailed").ageThreshold()).isEmpty();
  }

  @Test
  void theWatchdogGoesToTheHeartbeatReceiverWhichHasNoChannel() {
    DetectionFloor watchdog = shipped().floorOf("Watchdog");

    assertThat(watchdog.receiver()).isEqualTo("heartbeat");
    assertThat(watchdog.channel()).isEmpty();
  }

  @Test
  void anUnknownAlertIsAnErrorNotAZeroFloor() {
    assertThatThrownBy(() -> shipped().floorOf("PortalIsOnFire"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no alerting rule is named PortalIsOnFire");
  }

  @Test
  void syntheticConfigurationChildRoutesOverrideGroupWaitAndOthersInheritIt() throws IOException {
    FloorCalculator calculator =
        synthetic(
            """
            global: {scrape_interval: 15s, evaluation_interval: 30s}
            rule_files: [rules/*.yml]
            """,
            """
            groups:
              - name: g
                rules:
                  - alert: SlowBurn
                    expr: rate(x_total[10m]) > 1
                    for: 5m
                    labels: {severity: page}
                  - alert: Quick
                    expr: up == 0
                    labels: {severity: ticket, team: db}
                  - record: not_an_alert
                    expr: sum(up)
            """,
            """
            route:
              receiver: default
              group_wait: 20s
              routes:
                - receiver: pager
                  matchers: [severity=~"page|critical"]
                  group_wait: 45s
                - receiver: db
                  match: {team: db}
            receivers:
              - name: default
              - name: pager
                slack_configs: [{channel: "#pager", api_url: "http://127.0.0.1:1/"}]
              - name: db
                slack_configs: [{channel: "#db"}]
            """);

    DetectionFloor slow = calculator.floorOf("SlowBurn");
    assertThat(slow.total()).isEqualTo(Duration.ofSeconds(300 + 15 + 30 + 45));
    assertThat(slow.channel()).contains("#pager");
    assertThat(slow.windows()).containsExactly(Duration.ofMinutes(10));

    DetectionFloor quick = calculator.floorOf("Quick");
    assertThat(quick.groupWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(quick.total()).isEqualTo(Duration.ofSeconds(15 + 30 + 20));
    assertThat(quick.channel()).contains("#db");
    assertThat(calculator.knows("not_an_alert")).isFalse();
  }

  @Test
  void syntheticConfigurationWithoutIntervalsUsesTheToolsDefaults() throws IOException {
    FloorCalculator calculator =
        synthetic(
            "rule_files: [rules/*.yml]\n",
            """
            groups:
              - name: g
                rules:
                  - {alert: A, expr: up == 0, for: 1m}
            """,
            "route: {receiver: only}\nreceivers: [{name: only}]\n");

    // Prometheus: scrape and evaluation 1m; Alertmanager: group_wait 30s.
    assertThat(calculator.floorOf("A").total()).isEqualTo(Duration.ofSeconds(60 + 60 + 60 + 30));
    assertThat(calculator.floorOf("A").receiver()).isEqualTo("only");
  }

  @Test
  void aRegexMatcherIsAnchoredAsInAlertmanager() throws IOException {
    FloorCalculator calculator =
        synthetic(
            "rule_files: [rules/*.yml]\n",
            """
            groups:
              - name: g
                rules:
                  - {alert: A, expr: up == 0, labels: {severity: pager-duty}}
            """,
            """
            route:
              receiver: fallback
              routes: [{receiver: pager, matchers: ['severity=~"page"']}]
            receivers: [{name: fallback}, {name: pager}]
            """);

    assertThat(calculator.floorOf("A").receiver()).isEqualTo("fallback");
  }

  @Test
  void anAlertDefinedTwiceIsRefusedNamingBothFiles() throws IOException {
    Path prometheus = write("prometheus.yml", "rule_files: [rules/*.yml]\n");
    String rule = "groups: [{name: g, rules: [{alert: A, expr: up == 0}]}]\n";
    write("rules/a.yml", rule);
    Path second = write("rules/b.yml", rule);
    Path alertmanager = write("alertmanager.yml", "route: {receiver: r}\nreceivers: [{name: r}]\n");

    assertThatThrownBy(() -> FloorCalculator.load(prometheus, alertmanager))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith(second + ": alert A is also defined in ")
        .hasMessageEndingWith("a.yml");
  }

  @Test
  void aBadForIsAnErrorNamingTheRuleFileAndField() throws IOException {
    Path prometheus = write("prometheus.yml", "rule_files: [rules/*.yml]\n");
    Path rules =
        write("rules/a.yml", "groups: [{name: g, rules: [{alert: A, expr: x, for: soon}]}]\n");
    Path alertmanager = write("alertmanager.yml", "route: {receiver: r}\nreceivers: [{name: r}]\n");

    assertThatThrownBy(() -> FloorCalculator.load(prometheus, alertmanager))
        .hasMessageStartingWith(rules + ": groups[0].rules[0].for: 'soon' is not a duration");
  }

  @Test
  void windowsAreReadFromRangeSelectorsAndSubqueries() {
    AlertRule rule =
        new AlertRule(
            "A",
            "max_over_time(rate(x[5m])[1h:1m]) > 0 and y[30s] > 0",
            Duration.ZERO,
            java.util.Map.of(),
            Path.of("r.yml"));

    assertThat(rule.windows())
        .isEqualTo(List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(30)));
    assertThat(rule.ageThreshold()).isEqualTo(Optional.empty());
  }

  private FloorCalculator synthetic(String prometheus, String rules, String alertmanager)
      throws IOException {
    write("rules/synthetic.yml", rules);
    return FloorCalculator.load(
        write("prometheus.yml", prometheus), write("alertmanager.yml", alertmanager));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
