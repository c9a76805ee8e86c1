package com.hrt.sre.drill.run;

import com.hrt.sre.drill.config.ConfigFileException;
import com.hrt.sre.drill.config.DrillProperties;
import com.hrt.sre.drill.config.PromDuration;
import com.hrt.sre.drill.floor.DetectionFloor;
import com.hrt.sre.drill.floor.FloorCalculator;
import com.hrt.sre.drill.scenario.ExpectedAlert;
import com.hrt.sre.drill.scenario.Mode;
import com.hrt.sre.drill.scenario.Scenario;
import com.hrt.sre.drill.scenario.ScenarioCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a drill run would do, read top to bottom: load every scenario, load the monitoring
 * configuration, check each scenario against it (its alerts exist, in the channels their routes
 * deliver to), select the scenarios asked for, and describe each one in the mode asked for, with
 * every expected alert's floor.
 */
public final class DrillPlan {

  private final List<String> lines;
  private final Mode mode;
  private final List<Scenario> selected;
  private final FloorCalculator floors;

  private DrillPlan(
      List<String> lines, Mode mode, List<Scenario> selected, FloorCalculator floors) {
    this.lines = List.copyOf(lines);
    this.mode = mode;
    this.selected = List.copyOf(selected);
    this.floors = floors;
  }

  public List<String> lines() {
    return lines;
  }

  public Mode mode() {
    return mode;
  }

  /** The scenarios asked for, in file-name order, applicable or not. */
  public List<Scenario> selected() {
    return selected;
  }

  /** The detection floors of the configuration the scenarios were checked against. */
  public FloorCalculator floors() {
    return floors;
  }

  /**
   * Builds the plan, refusing (with a {@link ConfigFileException} naming file and field) anything
   * that could never pass.
   */
  public static DrillPlan build(DrillProperties properties) {
    ScenarioCatalog catalog = ScenarioCatalog.load(properties.resolve(properties.drills()));
    FloorCalculator floors =
        FloorCalculator.load(
            properties.resolve(properties.prometheusConfig()),
            properties.resolve(properties.alertmanagerConfig()));
    catalog.all().forEach(scenario -> checkAgainstMonitoring(scenario, floors));

    Mode mode = Mode.fromLabel(properties.mode()).orElseThrow();
    List<Scenario> selected = select(catalog, properties.scenario());
    List<String> lines = new ArrayList<>();
    lines.add("drill plan: mode=" + mode.label() + " scenarios=" + selected.size());
    for (Scenario scenario : selected) {
      if (!scenario.appliesTo(mode)) {
        lines.add(scenario.name() + ": not applicable in " + mode.label() + " mode");
        continue;
      }
      lines.add(scenario.name() + ": " + scenario.description());
      lines.add("  inject: " + scenario.injection(mode).orElseThrow().describe());
      for (ExpectedAlert expected : scenario.expect()) {
        DetectionFloor floor = floors.floorOf(expected.alert());
        lines.add(
            "  expect: "
                + expected.alert()
                + " in "
                + expected.channel()
                + " floor="
                + PromDuration.format(floor.total())
                + " (for "
                + PromDuration.format(floor.pendingFor())
                + " + scrape "
                + PromDuration.format(floor.scrapeInterval())
                + " + evaluation "
                + PromDuration.format(floor.evaluationInterval())
                + floor.ageThreshold().map(age -> " + age " + PromDuration.format(age)).orElse("")
                + " + group_wait "
                + PromDuration.format(floor.groupWait())
                + ")"
                + (expected.buildup().isZero()
                    ? ""
                    : " buildup=" + PromDuration.format(expected.buildup()))
                + " slack="
                + PromDuration.format(scenario.limits().slack()));
      }
      if (!scenario.consequences().isEmpty()) {
        lines.add("  may also cause (not noise): " + String.join(", ", scenario.consequences()));
      }
      lines.add(
          "  heal ("
              + scenario.heal().by().label()
              + ", "
              + scenario.heal().runbook()
              + "): "
              + scenario.heal().step(mode).orElseThrow().describe());
      lines.add(
          "  limits: recover="
              + PromDuration.format(scenario.limits().recover())
              + " resolve="
              + PromDuration.format(scenario.limits().resolve())
              + scenario.limits().budget().map(b -> " budget=" + b).orElse(""));
    }
    return new DrillPlan(lines, mode, selected, floors);
  }

  /**
   * A scenario expecting an alert no rule defines, or in a channel it never reaches, never passes.
   */
  static void checkAgainstMonitoring(Scenario scenario, FloorCalculator floors) {
    for (int i = 0; i < scenario.consequences().size(); i++) {
      String alert = scenario.consequences().get(i);
      if (!floors.knows(alert)) {
        throw new ConfigFileException(
            scenario.file(), "consequences[" + i + "]: no alerting rule is named " + alert);
      }
    }
    for (int i = 0; i < scenario.expect().size(); i++) {
      ExpectedAlert expected = scenario.expect().get(i);
      String field = "expect[" + i + "]";
      if (!floors.knows(expected.alert())) {
        throw new ConfigFileException(
            scenario.file(), field + ".alert: no alerting rule is named " + expected.alert());
      }
      DetectionFloor floor = floors.floorOf(expected.alert());
      if (!floor.channel().equals(Optional.of(expected.channel()))) {
        throw new ConfigFileException(
            scenario.file(),
            field
                + ".channel: "
                + expected.alert()
                + " is routed to receiver "
                + floor.receiver()
                + floor.channel().map(c -> " (" + c + ")").orElse(" (no Slack channel)")
                + ", not "
                + expected.channel());
      }
    }
  }

  private static List<Scenario> select(ScenarioCatalog catalog, String name) {
    if (name.isEmpty()) {
      return catalog.all();
    }
    return List.of(
        catalog
            .named(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no scenario named "
                            + name
                            + "; there are: "
                            + catalog.all().stream().map(Scenario::name).toList())));
  }
}
