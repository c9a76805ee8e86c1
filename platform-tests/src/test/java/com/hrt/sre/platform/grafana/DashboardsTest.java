package com.hrt.sre.platform.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/** What can be checked about the dashboards without a Grafana: structure, uids, datasources. */
class DashboardsTest {

  static List<Path> dashboards() {
    return Dashboards.files();
  }

  @Test
  void theThreeDashboardsOfTheIssueExist() {
    assertThat(
            Dashboards.files().stream().map(Dashboards::read).map(d -> d.path("title").asString()))
        .contains("Portal RED Metrics", "SLO Burn Rate", "Jobs: batch-sync and auto-healer");
  }

  @Test
  void dashboardUidsAreUnique() {
    List<String> uids =
        Dashboards.files().stream().map(f -> Dashboards.read(f).path("uid").asString()).toList();

    assertThat(uids).doesNotContain("").doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyPanelAndQueryUsesTheProvisionedDatasourceByUid(Path file) throws IOException {
    String uid = provisionedDatasourceUid();
    List<JsonNode> panels = Dashboards.panels(Dashboards.read(file));

    assertThat(panels)
        .filteredOn(p -> !p.path("type").asString().equals("row"))
        .isNotEmpty()
        .allSatisfy(
            panel -> {
              String title = panel.path("title").asString();
              assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo(uid);
              assertThat(panel.path("targets")).as("%s targets", title).isNotEmpty();
              for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asString())
                    .as(title)
                    .isEqualTo(uid);
                assertThat(target.path("expr").asString()).as("%s expr", title).isNotBlank();
              }
            });
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void panelIdsAreUniqueAndEveryPanelIsDescribedWithAUnit(Path file) {
    List<JsonNode> panels = Dashboards.panels(Dashboards.read(file));
    Set<Integer> ids = new HashSet<>();

    for (JsonNode panel : panels) {
      String title = panel.path("title").asString();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
      if (!panel.path("type").asString().matches("row|table")) {
        assertThat(panel.path("description").asString())
            .as("description of %s", title)
            .isNotBlank();
        assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString())
            .as("unit of %s", title)
            .isNotBlank();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyRecordingRuleAQueryNamesIsDefinedInPrometheusRules(Path file) throws IOException {
    Set<String> recorded = recordingRules();
    Pattern ruleName = Pattern.compile("\\b([a-z_]+:[a-z_:0-9]+)\\b");
    List<String> unknown = new ArrayList<>();

    for (JsonNode panel : Dashboards.panels(Dashboards.read(file))) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = ruleName.matcher(target.path("expr").asString());
        while (m.find()) {
          if (!recorded.contains(m.group(1))) {
            unknown.add(panel.path("title").asString() + ": " + m.group(1));
          }
        }
      }
    }

    assertThat(unknown).isEmpty();
  }

  @Test
  void theDashboardProviderReadsTheDirectoryTheGrafanaPodMountsTheDashboardsAt()
      throws IOException {
    String provider =
        Files.readString(RepoFiles.resolve("grafana/provisioning/dashboards/dashboards.yaml"));
    String grafana = Files.readString(RepoFiles.resolve("k8s/base/grafana.yaml"));

    assertThat(provider).contains("path: /etc/grafana/dashboards");
    assertThat(grafana).contains("mountPath: /etc/grafana/dashboards");
  }

  @SuppressWarnings("unchecked")
  static String provisionedDatasourceUid() throws IOException {
    Map<String, Object> file =
        new Yaml()
            .load(
                Files.readString(
                    RepoFiles.resolve("grafana/provisioning/datasources/prometheus.yaml")));
    List<Map<String, Object>> datasources = (List<Map<String, Object>>) file.get("datasources");
    assertThat(datasources).hasSize(1);
    return datasources.get(0).get("uid").toString();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> recordingRules() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.list(RepoFiles.resolve("prometheus/rules"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        Map<String, Object> rules = new Yaml().load(Files.readString(file));
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
          for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
            if (rule.get("record") != null) {
              names.add(rule.get("record").toString());
            }
          }
        }
      }
    }
    return names;
  }
}
