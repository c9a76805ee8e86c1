package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The monitoring configuration has one source of truth: the ConfigMaps carry exactly the bytes of
 * the files in prometheus/ and grafana/, and every such file is in its ConfigMap.
 */
class GeneratedConfigMapsTest {

  /** ConfigMap name prefix -> the directory and file pattern it is generated from. */
  private static final Map<String, Source> SOURCES =
      Map.of(
          "prometheus-config", new Source("prometheus", "prometheus.yml"),
          "prometheus-rules", new Source("prometheus/rules", "*.yml"),
          "alertmanager-config", new Source("prometheus", "alertmanager.yml"),
          "alertmanager-templates", new Source("prometheus/templates", "*.tmpl"),
          "grafana-datasources", new Source("grafana/provisioning/datasources", "*.yaml"),
          "grafana-dashboard-providers", new Source("grafana/provisioning/dashboards", "*.yaml"),
          "grafana-dashboards", new Source("grafana/dashboards", "*.json"));

  record Source(String dir, String glob) {}

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyConfigMapHoldsExactlyTheBytesOfEveryFileOfItsSource(String overlay) throws IOException {
    Manifests manifests = Manifests.of(overlay);
    for (var entry : SOURCES.entrySet()) {
      ConfigMap configMap = manifests.configMap("hrt-sre", entry.getKey());
      Map<String, String> data = configMap.getData();
      List<Path> files = files(entry.getValue());

      assertThat(files).as("source files of %s", entry.getKey()).isNotEmpty();
      assertThat(data.keySet())
          .as(
              "keys of ConfigMap %s vs files in %s (kustomize cannot glob: list every file under"
                  + " configMapGenerator %s in k8s/base/kustomization.yaml)",
              entry.getKey(), entry.getValue().dir(), entry.getKey())
          .containsExactlyInAnyOrderElementsOf(
              files.stream().map(f -> f.getFileName().toString()).toList());
      for (Path file : files) {
        assertThat(data.get(file.getFileName().toString()))
            .as("%s[%s] equals %s byte for byte", entry.getKey(), file.getFileName(), file)
            .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
  }

  private static List<Path> files(Source source) throws IOException {
    Path dir = RepoFiles.resolve(source.dir());
    var matcher = dir.getFileSystem().getPathMatcher("glob:" + source.glob());
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(Files::isRegularFile)
          .filter(f -> matcher.matches(f.getFileName()))
          .sorted()
          .toList();
    }
  }
}
