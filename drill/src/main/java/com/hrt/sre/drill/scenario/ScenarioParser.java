package com.hrt.sre.drill.scenario;

import com.hrt.sre.drill.config.ConfigFileException;
import com.hrt.sre.drill.config.Fields;
import com.hrt.sre.drill.config.YamlFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one scenario file. Everything is checked before a drill touches anything: a
 * bad file is a {@link ConfigFileException} naming the file and the field ({@code drills/x.yaml:
 * inject.local.body.failureRate: must be between 0 and 1, got 2.0}).
 */
public final class ScenarioParser {

  /** File names are the names {@code SCENARIO=} selects: lower case, digits and dashes. */
  public static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.yaml");

  private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern CHANNEL = Pattern.compile("#[a-z0-9][a-z0-9_-]*");
  private static final Pattern RUNBOOK = Pattern.compile("docs/runbooks/[A-Za-z0-9_-]+\\.md");
  private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private static final Set<String> TOP =
      Set.of(
          "description",
          "modes",
          "inject",
          "expect",
          "consequences",
          "heal",
          "recoveredWhen",
          "limits");

  /** The portal's chaos fields and their ranges (its admin API rejects anything else). */
  private static final Map<String, double[]> CHAOS_FIELDS =
      Map.of(
          "failureRate", new double[] {0, 1},
          "latencyMs", new double[] {0, 60_000},
          "latencyJitterMs", new double[] {0, 60_000},
          "crashAfterSeconds", new double[] {0, 86_400});

  /** Local processes a drill may stop: never the monitoring path that must see the outcome. */
  private static final Set<String> STOPPABLE = Set.of("portal", "load-generator", "pushgateway");

  /** batch-sync's own settings (DESIGN.md's names). */
  private static final Set<String> BATCH_ENV =
      Set.of("BATCH_SIZE", "BATCH_FAILURE_RATE", "MAX_FAILED_RATIO");

  private static final Duration DEFAULT_SLACK = Duration.ofSeconds(30);

  public Scenario parse(Path file) {
    String fileName = file.getFileName().toString();
    if (!FILE_NAME.matcher(fileName).matches()) {
      throw new ConfigFileException(
          file, "file name must be lower case letters, digits and dashes, ending in .yaml");
    }
    Fields root = Fields.root(file, YamlFile.read(file)).onlyKnown(TOP);
    String name = fileName.substring(0, fileName.length() - ".yaml".length());

    Set<Mode> modes = modes(root);
    Map<Mode, Step> inject = perMode(root.mapping("inject"), modes, false);
    List<ExpectedAlert> expect = expect(root);
    Heal heal = heal(root.mapping("heal"), modes);
    Limits limits = limits(root.mapping("limits"));
    return new Scenario(
        name,
        file,
        root.string("description"),
        modes,
        inject,
        expect,
        consequences(root, expect),
        heal,
        root.string("recoveredWhen"),
        limits);
  }

  private static Set<Mode> modes(Fields root) {
    List<String> labels = root.strings("modes");
    if (labels.isEmpty()) {
      throw root.error("modes", "is required: a list of local and/or cluster");
    }
    Set<Mode> modes = new LinkedHashSet<>();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      Mode mode =
          Mode.fromLabel(label)
              .orElseThrow(
                  () -> root.error("modes", "'" + label + "' is not a mode; use local or cluster"));
      if (!modes.add(mode)) {
        throw root.error("modes", "'" + label + "' is listed twice");
      }
    }
    return modes;
  }

  /** One step per listed mode, keyed {@code local:} / {@code cluster:}, no more, no fewer. */
  private static Map<Mode, Step> perMode(Fields section, Set<Mode> modes, boolean heal) {
    Map<Mode, Step> steps = new EnumMap<>(Mode.class);
    for (String key : section.keys()) {
      if (Set.of("by", "runbook").contains(key) && heal) {
        continue;
      }
      Mode mode =
          Mode.fromLabel(key)
              .orElseThrow(() -> section.error(key, "unknown field; expected local or cluster"));
      if (!modes.contains(mode)) {
        throw section.error(key, "the scenario's modes do not include " + key);
      }
      steps.put(mode, step(section.mapping(key), mode, heal));
    }
    for (Mode mode : modes) {
      if (!steps.containsKey(mode)) {
        throw section.error(mode.label(), "is required: the scenario runs in " + mode.label());
      }
    }
    return steps;
  }

  private static Step step(Fields step, Mode mode, boolean heal) {
    String action = step.string("action");
    return switch (action) {
      case "portal-chaos" -> portalChaos(step.onlyKnown(Set.of("action", "body")));
      case "portal-chaos-reset" -> {
        step.onlyKnown(Set.of("action"));
        yield new Step.PortalChaosReset();
      }
      case "stop-process", "start-process" -> {
        onlyIn(step, mode, Mode.LOCAL, action);
        step.onlyKnown(Set.of("action", "process"));
        String process = step.string("process");
        if (!STOPPABLE.contains(process)) {
          throw step.error(
              "process",
              "'" + process + "' is not one a drill may stop; use one of " + sorted(STOPPABLE));
        }
        yield action.equals("stop-process")
            ? new Step.StopProcess(process)
            : new Step.StartProcess(process);
      }
      case "scale-deployment" -> {
        onlyIn(step, mode, Mode.CLUSTER, action);
        step.onlyKnown(Set.of("action", "namespace", "deployment", "replicas"));
        double replicas = step.number("replicas");
        if (replicas < 0 || replicas > 10 || replicas != Math.rint(replicas)) {
          throw step.error("replicas", "must be a whole number from 0 to 10, got " + replicas);
        }
        yield new Step.ScaleDeployment(
            k8sName(step, "namespace"), k8sName(step, "deployment"), (int) replicas);
      }
      case "suspend-cronjob" -> {
        onlyIn(step, mode, Mode.CLUSTER, action);
        step.onlyKnown(Set.of("action", "namespace", "cronjob", "suspend"));
        yield new Step.SuspendCronJob(
            k8sName(step, "namespace"), k8sName(step, "cronjob"), step.bool("suspend"));
      }
      case "run-batch" -> runBatch(step.onlyKnown(Set.of("action", "env")));
      case "await-auto-healer" -> {
        onlyIn(step, mode, Mode.CLUSTER, action);
        if (!heal) {
          throw step.error("action", "await-auto-healer heals; it cannot inject");
        }
        step.onlyKnown(Set.of("action"));
        yield new Step.AwaitAutoHealer();
      }
      default ->
          throw step.error(
              "action",
              "'"
                  + action
                  + "' is not an action; use one of await-auto-healer, portal-chaos,"
                  + " portal-chaos-reset, run-batch, scale-deployment, start-process,"
                  + " stop-process, suspend-cronjob");
    };
  }

  private static Step portalChaos(Fields step) {
    Fields body = step.mapping("body").onlyKnown(CHAOS_FIELDS.keySet());
    if (body.keys().isEmpty()) {
      throw step.error("body", "must set at least one of " + sorted(CHAOS_FIELDS.keySet()));
    }
    Map<String, Number> values = new LinkedHashMap<>();
    for (String field : body.keys()) {
      double value = body.number(field);
      double[] range = CHAOS_FIELDS.get(field);
      if (value < range[0] || value > range[1]) {
        throw body.error(
            field, "must be between " + fmt(range[0]) + " and " + fmt(range[1]) + ", got " + value);
      }
      values.put(field, field.equals("failureRate") ? (Number) value : (Number) (long) value);
    }
    return new Step.PortalChaos(values);
  }

  private static Step runBatch(Fields step) {
    Fields env = step.mapping("env").onlyKnown(BATCH_ENV);
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : env.keys()) {
      values.put(key, env.string(key));
    }
    if (values.isEmpty()) {
      throw step.error("env", "must set at least one of " + sorted(BATCH_ENV));
    }
    return new Step.RunBatch(values);
  }

  private static List<String> consequences(Fields root, List<ExpectedAlert> expect) {
    List<String> alerts = root.strings("consequences");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < alerts.size(); i++) {
      String alert = alerts.get(i);
      String field = "consequences[" + i + "]";
      if (!ALERT_NAME.matcher(alert).matches()) {
        throw root.error(field, "'" + alert + "' is not an alert name");
      }
      if (expect.stream().anyMatch(e -> e.alert().equals(alert))) {
        throw root.error(field, alert + " is expected already: a consequence may not arrive");
      }
      if (!seen.add(alert)) {
        throw root.error(field, alert + " is listed twice");
      }
    }
    return alerts;
  }

  private static List<ExpectedAlert> expect(Fields root) {
    List<Fields> items = root.mappings("expect");
    if (items.isEmpty()) {
      throw root.error("expect", "is required: at least one alert that must arrive");
    }
    List<ExpectedAlert> alerts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Fields item : items) {
      item.onlyKnown(Set.of("alert", "channel", "buildup"));
      String alert = item.string("alert");
      if (!ALERT_NAME.matcher(alert).matches()) {
        throw item.error("alert", "'" + alert + "' is not an alert name");
      }
      if (!seen.add(alert)) {
        throw item.error("alert", alert + " is expected twice");
      }
      String channel = item.string("channel");
      if (!CHANNEL.matcher(channel).matches()) {
        throw item.error(
            "channel", "'" + channel + "' is not a channel; write it with its '#' (#alerts)");
      }
      alerts.add(
          new ExpectedAlert(
              alert, channel, item.optionalDuration("buildup").orElse(Duration.ZERO)));
    }
    return alerts;
  }

  private static Heal heal(Fields heal, Set<Mode> modes) {
    heal.onlyKnown(Set.of("by", "runbook", "local", "cluster"));
    String by = heal.string("by");
    String runbook = heal.string("runbook");
    if (!RUNBOOK.matcher(runbook).matches()) {
      throw heal.error("runbook", "must be a file under docs/runbooks/, got '" + runbook + "'");
    }
    Heal.By who =
        switch (by) {
          case "documented-fix" -> Heal.By.DOCUMENTED_FIX;
          case "auto-healer" -> Heal.By.AUTO_HEALER;
          default -> throw heal.error("by", "'" + by + "' is not documented-fix or auto-healer");
        };
    if (who == Heal.By.AUTO_HEALER && modes.contains(Mode.LOCAL)) {
      throw heal.error("by", "the auto-healer runs only in cluster mode; modes include local");
    }
    Map<Mode, Step> steps = perMode(heal, modes, true);
    if (who == Heal.By.AUTO_HEALER
        && steps.values().stream().anyMatch(step -> !(step instanceof Step.AwaitAutoHealer))) {
      throw heal.error("by", "auto-healer heals with the action await-auto-healer only");
    }
    return new Heal(who, runbook, steps);
  }

  private static Limits limits(Fields limits) {
    limits.onlyKnown(Set.of("slack", "recover", "resolve", "budget"));
    Optional<Double> budget = Optional.empty();
    if (limits.has("budget")) {
      double value = limits.number("budget");
      if (value <= 0 || value > 1) {
        throw limits.error("budget", "must be a share of the error budget in (0, 1], got " + value);
      }
      budget = Optional.of(value);
    }
    return new Limits(
        positive(limits, "slack", limits.optionalDuration("slack").orElse(DEFAULT_SLACK)),
        positive(limits, "recover", limits.duration("recover")),
        positive(limits, "resolve", limits.duration("resolve")),
        budget);
  }

  private static Duration positive(Fields fields, String field, Duration value) {
    if (value.isZero()) {
      throw fields.error(field, "must be longer than 0s");
    }
    return value;
  }

  private static void onlyIn(Fields step, Mode mode, Mode allowed, String action) {
    if (mode != allowed) {
      throw step.error("action", action + " works in " + allowed.label() + " mode only");
    }
  }

  private static String k8sName(Fields step, String field) {
    String value = step.string(field);
    if (!K8S_NAME.matcher(value).matches() || value.length() > 63) {
      throw step.error(field, "'" + value + "' is not a Kubernetes name");
    }
    return value;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
