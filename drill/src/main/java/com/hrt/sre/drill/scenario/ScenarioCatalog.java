package com.hrt.sre.drill.scenario;

import com.hrt.sre.drill.config.ConfigFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every scenario in the drills directory, sorted by name, all validated before any is used. */
public final class ScenarioCatalog {

  private final List<Scenario> scenarios;

  private ScenarioCatalog(List<Scenario> scenarios) {
    this.scenarios = List.copyOf(scenarios);
  }

  /** Reads every {@code *.yaml} in {@code directory}; the first bad file fails the whole load. */
  public static ScenarioCatalog load(Path directory) {
    ScenarioParser parser = new ScenarioParser();
    try (Stream<Path> files = Files.list(directory)) {
      List<Scenario> scenarios =
          files
              .filter(file -> file.getFileName().toString().endsWith(".yaml"))
              .sorted()
              .map(parser::parse)
              .toList();
      if (scenarios.isEmpty()) {
        throw new ConfigFileException(directory, "no scenario files (*.yaml)");
      }
      return new ScenarioCatalog(scenarios);
    } catch (IOException e) {
      throw new ConfigFileException(directory, "cannot list scenarios: " + e.getMessage());
    }
  }

  public List<Scenario> all() {
    return scenarios;
  }

  public Optional<Scenario> named(String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
