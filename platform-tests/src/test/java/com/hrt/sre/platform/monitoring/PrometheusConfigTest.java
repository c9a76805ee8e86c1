package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * prometheus/prometheus.yml (the cluster version) and its local-mode rendering are valid for the
 * real promtool, load the same rule files, and differ only in addresses and discovery.
 */
class PrometheusConfigTest {

  private static final String CLUSTER_DISCOVERY_JOB = "kubernetes-pods";

  static List<Path> ruleFiles() {
    return MonitoringFiles.ruleFiles();
  }

  @ParameterizedTest
  @MethodSource("ruleFiles")
  void ruleFilePassesPromtoolCheckRules(Path ruleFile) {
    Tools.Result result =
        Tools.run(ruleFile.getParent(), Tools.promtool(), "check", "rules", ruleFile.toString());

    assertThat(result.ok()).as("%s", result).isTrue();
  }

  /**
   * Debian's Prometheus is built without Kubernetes service discovery, so its promtool rejects
   * {@code kubernetes_sd_configs}. The check swaps that one block for a file_sd stand-in and keeps
   * everything else — every relabel rule included, which promtool validates (regexes, actions,
   * target labels).
   */
  @Test
  void clusterConfigPassesPromtoolWithAStandInForPodDiscovery(@TempDir Path dir)
      throws IOException {
    Map<String, Object> config =
        MonitoringFiles.yaml(MonitoringFiles.prometheusDir().resolve("prometheus.yml"));
    Map<String, Object> podJob = scrapeJob(config, CLUSTER_DISCOVERY_JOB);
    podJob.remove("kubernetes_sd_configs");
    podJob.put("file_sd_configs", List.of(Map.of("files", List.of("targets/*.json"))));
    Path checked = writeBesideRules(dir, dump(config));

    Tools.Result result = Tools.run(dir, Tools.promtool(), "check", "config", checked.toString());

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + ruleFiles().size() + " rule files found");
  }

  @Test
  @SuppressWarnings("unchecked")
  void clusterDiscoversAnnotatedPodsOfOurNamespacesAndNamesJobsByModule() {
    Map<String, Object> config =
        MonitoringFiles.yaml(MonitoringFiles.prometheusDir().resolve("prometheus.yml"));
    Map<String, Object> podJob = scrapeJob(config, CLUSTER_DISCOVERY_JOB);
    Map<String, Object> discovery =
        ((List<Map<String, Object>>) podJob.get("kubernetes_sd_configs")).get(0);
    List<Map<String, Object>> relabel = (List<Map<String, Object>>) podJob.get("relabel_configs");

    assertThat(discovery).containsEntry("role", "pod");
    assertThat((Map<String, Object>) discovery.get("namespaces"))
        .containsEntry("names", List.of("portal", "hrt-sre"));
    assertThat(relabel)
        .anySatisfy(
            r ->
                assertThat(r)
                    .containsEntry(
                        "source_labels",
                        List.of("__meta_kubernetes_pod_annotation_prometheus_io_scrape"))
                    .containsEntry("action", "keep"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .containsEntry(
                        "source_labels",
                        List.of("__meta_kubernetes_pod_label_app_kubernetes_io_name"))
                    .containsEntry("target_label", "job"))
        .anySatisfy(r -> assertThat(r).containsEntry("target_label", "__metrics_path__"));
  }

  @Test
  void pushedMetricsKeepTheJobTheyWerePushedWith() {
    Map<String, Object> cluster =
        MonitoringFiles.yaml(MonitoringFiles.prometheusDir().resolve("prometheus.yml"));

    assertThat(scrapeJob(cluster, "pushgateway")).containsEntry("honor_labels", true);
    assertThat(scrapeJob(cluster, "kube-state-metrics")).containsEntry("honor_labels", true);
  }

  @Test
  void renderedLocalConfigPassesPromtoolWithTheSameRuleFiles(@TempDir Path dir) throws IOException {
    Path local = MonitoringFiles.renderLocal(dir).resolve("prometheus/prometheus.yml");

    Tools.Result result =
        Tools.run(local.getParent(), Tools.promtool(), "check", "config", local.toString());

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + ruleFiles().size() + " rule files found");
    assertThat(local.resolveSibling("rules").toRealPath())
        .as("the local config reads the repository's rules/, not a copy")
        .isEqualTo(MonitoringFiles.prometheusDir().resolve("rules").toRealPath());
  }

  /**
   * The local copy is the cluster file with in-cluster addresses turned into 127.0.0.1 and the
   * cluster-only discovery replaced by static targets named like the pod discovery names them.
   */
  @Test
  @SuppressWarnings("unchecked")
  void renderedLocalConfigDiffersOnlyInAddressesAndDiscovery(@TempDir Path dir) {
    Map<String, Object> cluster =
        MonitoringFiles.yaml(MonitoringFiles.prometheusDir().resolve("prometheus.yml"));
    Map<String, Object> local =
        MonitoringFiles.yaml(MonitoringFiles.renderLocal(dir).resolve("prometheus/prometheus.yml"));

    assertThat(local.get("global")).isEqualTo(cluster.get("global"));
    assertThat(local.get("rule_files")).isEqualTo(cluster.get("rule_files"));
    assertThat(dump(local.get("alerting"))).isEqualTo(localized(dump(cluster.get("alerting"))));

    Map<String, String> clusterJobs = jobsByName(cluster);
    Map<String, String> localJobs = jobsByName(local);
    clusterJobs.remove(CLUSTER_DISCOVERY_JOB);
    clusterJobs.remove("kube-state-metrics");
    clusterJobs.forEach(
        (name, job) ->
            assertThat(localJobs.get(name)).as("local job %s", name).isEqualTo(localized(job)));
    assertThat(localJobs.keySet())
        .containsExactlyInAnyOrder(
            "prometheus", "alertmanager", "pushgateway", "portal", "mock-slack", "load-generator");
    assertThat(scrapeJob(local, "portal").get("static_configs"))
        .isEqualTo(List.of(Map.of("targets", List.of("127.0.0.1:8080"))));
    assertThat(dump(local)).doesNotContain(".svc");
  }

  /** The cluster's in-cluster addresses as local mode writes them. */
  private static String localized(String text) {
    return text.replaceAll(
        "[a-z0-9-]+\\.[a-z0-9-]+\\.svc(\\.cluster\\.local)?:(\\d+)", "127.0.0.1:$2");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> scrapeJob(Map<String, Object> config, String name) {
    return ((List<Map<String, Object>>) config.get("scrape_configs"))
        .stream()
            .filter(job -> name.equals(job.get("job_name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no scrape job " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> jobsByName(Map<String, Object> config) {
    return ((List<Map<String, Object>>) config.get("scrape_configs"))
        .stream()
            .collect(
                Collectors.toMap(
                    job -> Objects.toString(job.get("job_name")),
                    PrometheusConfigTest::dump,
                    (a, b) -> {
                      throw new AssertionError("duplicate job name");
                    },
                    LinkedHashMap::new));
  }

  private static Path writeBesideRules(Path dir, String config) throws IOException {
    Files.createSymbolicLink(
        dir.resolve("rules"), MonitoringFiles.prometheusDir().resolve("rules"));
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    return file;
  }

  private static String dump(Object yaml) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(yaml);
  }
}
