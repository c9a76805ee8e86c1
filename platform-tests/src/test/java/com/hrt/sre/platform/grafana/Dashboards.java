package com.hrt.sre.platform.grafana;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The dashboards of grafana/dashboards, parsed, with their panels flattened (rows included). */
final class Dashboards {

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private Dashboards() {}

  static List<Path> files() {
    try (Stream<Path> files = Files.list(RepoFiles.resolve("grafana/dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    return JSON.readTree(file.toFile());
  }

  /** Every panel, and every panel nested in a row. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    collect(dashboard.path("panels"), all);
    return all;
  }

  private static void collect(JsonNode panels, List<JsonNode> into) {
    for (JsonNode panel : panels) {
      into.add(panel);
      collect(panel.path("panels"), into);
    }
  }
}
