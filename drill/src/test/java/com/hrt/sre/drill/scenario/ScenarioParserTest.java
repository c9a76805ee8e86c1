package com.hrt.sre.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.drill.RepoFiles;
import com.hrt.sre.drill.config.ConfigFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {

  /** A valid scenario; each bad case below changes one thing in it. */
  private static final String VALID =
      """
      description: Half of the API fails.
      modes: [local, cluster]
      inject:
        local: {action: portal-chaos, body: {failureRate: 0.5}}
        cluster: {action: portal-chaos, body: {failureRate: 0.5}}
      expect:
        - {alert: PortalHighErrorRate, channel: "#alerts-critical"}
      heal:
        by: documented-fix
        runbook: docs/runbooks/PortalHighErrorRate.md
        local: {action: portal-chaos-reset}
        cluster: {action: portal-chaos-reset}
      recoveredWhen: vector(1)
      limits: {slack: 30s, recover: 2m, resolve: 5m, budget: 0.1}
      """;

  @TempDir Path dir;

  @Test
  void everyShippedScenarioParsesAndTheIssuesSixAreThere() {
    ScenarioCatalog catalog = ScenarioCatalog.load(RepoFiles.drills());

    assertThat(catalog.all())
        .extracting(Scenario::name)
        .contains("errors", "latency", "crashloop", "batch", "healer-down", "target-down");
  }

  @Test
  void everyShippedScenarioNamesARunbookThatExists() {
    for (Scenario scenario : ScenarioCatalog.load(RepoFiles.drills()).all()) {
      assertThat(RepoFiles.root().resolve(scenario.heal().runbook()))
          .as(scenario.file() + " heal.runbook")
          .isRegularFile();
    }
  }

  @Test
  void theErrorsScenarioReadsAsWritten() {
    Scenario errors = new ScenarioParser().parse(RepoFiles.drills().resolve("errors.yaml"));

    assertThat(errors.modes()).containsExactlyInAnyOrder(Mode.LOCAL, Mode.CLUSTER);
    assertThat(errors.injection(Mode.LOCAL))
        .contains(new Step.PortalChaos(Map.of("failureRate", 0.5)));
    assertThat(errors.expect())
        .containsExactly(
            new ExpectedAlert("PortalHighErrorRate", "#alerts-critical"),
            new ExpectedAlert("PortalSLOBurn", "#alerts-critical", Duration.ofSeconds(104)));
    assertThat(errors.consequences()).containsExactly("BatchSyncFailed");
    assertThat(errors.heal().by()).isEqualTo(Heal.By.DOCUMENTED_FIX);
    assertThat(errors.heal().step(Mode.CLUSTER)).contains(new Step.PortalChaosReset());
    assertThat(errors.limits())
        .isEqualTo(
            new Limits(
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Duration.ofMinutes(8),
                Optional.of(0.10)));
  }

  @Test
  void crashloopAndHealerDownAreClusterOnlySoLocalModeReportsThemNotApplicable() {
    ScenarioCatalog catalog = ScenarioCatalog.load(RepoFiles.drills());

    assertThat(catalog.named("crashloop").orElseThrow().modes()).containsExactly(Mode.CLUSTER);
    assertThat(catalog.named("healer-down").orElseThrow().modes()).containsExactly(Mode.CLUSTER);
    assertThat(catalog.named("crashloop").orElseThrow().heal().by()).isEqualTo(Heal.By.AUTO_HEALER);
    assertThat(catalog.named("crashloop").orElseThrow().appliesTo(Mode.LOCAL)).isFalse();
  }

  @Test
  void crashloopAddsTheBuildupOfItsRestartsToTheFloor() {
    Scenario crashloop = new ScenarioParser().parse(RepoFiles.drills().resolve("crashloop.yaml"));

    assertThat(crashloop.expect())
        .containsExactly(
            new ExpectedAlert("PortalHighRestartRate", "#alerts-critical", Duration.ofMinutes(5)));
  }

  @Test
  void theValidBaseOfTheBadCasesParses() throws IOException {
    Scenario scenario = new ScenarioParser().parse(write("base.yaml", VALID));

    assertThat(scenario.name()).isEqualTo("base");
    assertThat(scenario.limits().budget()).contains(0.1);
  }

  @Test
  void slackDefaultsTo30SecondsAndBudgetIsOptional() throws IOException {
    Scenario scenario =
        new ScenarioParser()
            .parse(
                write(
                    "defaults.yaml",
                    VALID.replace(
                        "limits: {slack: 30s, recover: 2m, resolve: 5m, budget: 0.1}",
                        "limits: {recover: 2m, resolve: 5m}")));

    assertThat(scenario.limits().slack()).isEqualTo(Duration.ofSeconds(30));
    assertThat(scenario.limits().budget()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown top-level field  | 'expect:'                                 | 'expcet:'                                      | expcet: unknown field; known fields here: consequences, description, expect, heal, inject, limits, modes, recoveredWhen
          failure rate over 1      | 'failureRate: 0.5}}\\n  cluster'          | 'failureRate: 2}}\\n  cluster'                 | inject.local.body.failureRate: must be between 0 and 1, got 2.0
          chaos field unknown      | '{failureRate: 0.5}}\\n  cluster'         | '{failRate: 0.5}}\\n  cluster'                 | inject.local.body.failRate: unknown field
          channel without #        | '"#alerts-critical"'                      | 'alerts-critical'                              | expect[0].channel: 'alerts-critical' is not a channel
          a mode without injection | '  cluster: {action: portal-chaos, body: {failureRate: 0.5}}\\n' | ''                          | inject.cluster: is required: the scenario runs in cluster
          unknown mode             | 'modes: [local, cluster]'                 | 'modes: [local, k8s]'                          | modes: 'k8s' is not a mode; use local or cluster
          local action in cluster  | '  cluster: {action: portal-chaos, body: {failureRate: 0.5}}' | '  cluster: {action: stop-process, process: portal}' | inject.cluster.action: stop-process works in local mode only
          unknown action           | '  local: {action: portal-chaos-reset}'   | '  local: {action: restart-portal}'            | heal.local.action: 'restart-portal' is not an action
          auto-healer in local     | 'by: documented-fix'                      | 'by: auto-healer'                              | heal.by: the auto-healer runs only in cluster mode
          runbook outside docs     | 'docs/runbooks/PortalHighErrorRate.md'    | 'README.md'                                    | heal.runbook: must be a file under docs/runbooks/, got 'README.md'
          duration in words        | 'recover: 2m'                             | 'recover: 2 minutes'                           | limits.recover: '2 minutes' is not a duration
          missing resolve limit    | ', resolve: 5m'                           | ''                                             | limits.resolve: is required
          budget over 1            | 'budget: 0.1'                             | 'budget: 10'                                   | limits.budget: must be a share of the error budget in (0, 1], got 10.0
          no expected alert        | '  - {alert: PortalHighErrorRate, channel: "#alerts-critical"}\\n' | ''                         | expect: is required: at least one alert
          expect is a mapping      | 'expect:\\n  - {alert'                    | 'expect:\\n  {alert'                           | expect: must be a list, got a mapping
          buildup not a duration   | 'channel: "#alerts-critical"}'            | 'channel: "#alerts-critical", buildup: long}'  | expect[0].buildup: 'long' is not a duration
          consequence also expected | 'heal:'                                   | 'consequences: [PortalHighErrorRate]\nheal:'   | consequences[0]: PortalHighErrorRate is expected already
          consequence not a name   | 'heal:'                                   | 'consequences: [batch failed]\nheal:'          | consequences[0]: 'batch failed' is not an alert name
          missing description      | 'description: Half of the API fails.\\n'  | ''                                             | description: is required
          not YAML                 | 'modes: [local, cluster]'                 | 'modes: [local, cluster'                       | not valid YAML
          """)
  void aBadScenarioNamesItsFileAndField(String description, String from, String to, String message)
      throws IOException {
    String text = VALID.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(text).as("the case changes the valid scenario").isNotEqualTo(VALID);
    Path file = write("bad.yaml", text);

    assertThatThrownBy(() -> new ScenarioParser().parse(file))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefused() throws IOException {
    Path file = write("list.yaml", "- errors\n- latency\n");

    assertThatThrownBy(() -> new ScenarioParser().parse(file))
        .hasMessage(file + ": the document: must be a mapping of fields, got a list");
  }

  @Test
  void aFileNameThatSCENARIOCannotSelectIsRefused() throws IOException {
    Path file = write("Errors Now.yaml", VALID);

    assertThatThrownBy(() -> new ScenarioParser().parse(file))
        .hasMessageContaining("Errors Now.yaml: file name must be lower case");
  }

  @Test
  void oneBadFileFailsTheWholeCatalogNamingThatFile() throws IOException {
    write("good.yaml", VALID);
    Path bad =
        write(
            "bad.yaml",
            VALID.replace("failureRate: 0.5}}\n  cluster", "failureRate: -1}}\n  cluster"));

    assertThatThrownBy(() -> ScenarioCatalog.load(dir))
        .hasMessageStartingWith(bad + ": inject.local.body.failureRate");
  }

  @Test
  void anEmptyDrillsDirectoryIsAnErrorNotAnEmptyPass() {
    assertThatThrownBy(() -> ScenarioCatalog.load(dir))
        .hasMessageContaining("no scenario files (*.yaml)");
  }

  @Test
  void stepsDescribeThemselvesForThePlan() {
    assertThat(new Step.PortalChaos(Map.of("latencyMs", 800L)).describe())
        .isEqualTo("PUT /admin/chaos {latencyMs=800}");
    assertThat(new Step.RunBatch(Map.of("BATCH_FAILURE_RATE", "1.0")).describe())
        .isEqualTo("run batch-sync once with BATCH_FAILURE_RATE=1.0");
    assertThat(new Step.SuspendCronJob("hrt-sre", "auto-healer", true).describe())
        .isEqualTo("suspend cronjob hrt-sre/auto-healer");
    assertThat(Set.of(Mode.values())).extracting(Mode::label).contains("local", "cluster");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
