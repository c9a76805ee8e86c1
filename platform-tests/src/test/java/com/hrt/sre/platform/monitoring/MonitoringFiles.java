package com.hrt.sre.platform.monitoring;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The files under prometheus/ and docs/runbooks/, read the way the tests need them. */
final class MonitoringFiles {

  /**
   * Where every runbook_url points: the runbooks in the repository's docs, as the forge shows them
   * (docs/monitoring.md explains the choice and how a fork changes it).
   */
  static final String RUNBOOK_BASE =
      "https://github.com/hrt-sre/sre-playground/blob/main/docs/runbooks/";

  /** An alerting rule as written in a rule file. */
  record AlertRule(
      String name, Path file, Map<String, String> labels, Map<String, String> annotations) {
    @Override
    public String toString() {
      return name;
    }
  }

  private MonitoringFiles() {}

  static Path prometheusDir() {
    return RepoFiles.resolve("prometheus");
  }

  static Path runbooksDir() {
    return RepoFiles.resolve("docs/runbooks");
  }

  static List<Path> ruleFiles() {
    return list(prometheusDir().resolve("rules"), ".yml");
  }

  static List<Path> ruleTestFiles() {
    return list(prometheusDir().resolve("tests"), ".test.yml");
  }

  static Map<String, Object> yaml(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<AlertRule> alertRules() {
    List<AlertRule> alerts = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (Map<String, Object> group : (List<Map<String, Object>>) yaml(file).get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          if (rule.containsKey("alert")) {
            alerts.add(
                new AlertRule(
                    (String) rule.get("alert"),
                    file,
                    (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                    (Map<String, String>) rule.getOrDefault("annotations", Map.of())));
          }
        }
      }
    }
    return alerts;
  }

  /**
   * Renders the local-mode configs into {@code outDir} with the script make local-up uses, and
   * returns outDir.
   */
  static Path renderLocal(Path outDir) {
    Tools.Result result =
        Tools.run(
            RepoFiles.root(),
            RepoFiles.resolve("scripts/local-render-config.sh"),
            outDir.toString());
    if (!result.ok()) {
      throw new AssertionError("rendering the local configs failed: " + result);
    }
    return outDir;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
