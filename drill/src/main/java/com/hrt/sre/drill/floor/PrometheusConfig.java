package com.hrt.sre.drill.floor;

import com.hrt.sre.drill.config.ConfigFileException;
import com.hrt.sre.drill.config.Fields;
import com.hrt.sre.drill.config.PromDuration;
import com.hrt.sre.drill.config.YamlFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What of {@code prometheus.yml} decides how fast an alert can fire: the global scrape and
 * evaluation intervals, and the alerting rules of its {@code rule_files}.
 *
 * @param scrapeInterval the global scrape interval (Prometheus' default: 1m)
 * @param evaluationInterval the global rule evaluation interval (default: 1m)
 * @param rules every alerting rule, by name
 */
public record PrometheusConfig(
    Duration scrapeInterval, Duration evaluationInterval, Map<String, AlertRule> rules) {

  /** Prometheus' own defaults, used when the file leaves them out. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public PrometheusConfig {
    rules = Map.copyOf(rules);
  }

  public Optional<AlertRule> rule(String alert) {
    return Optional.ofNullable(rules.get(alert));
  }

  /** Reads {@code file} and the rule files it names (globs relative to it, as Prometheus does). */
  public static PrometheusConfig load(Path file) {
    Fields root = Fields.root(file, YamlFile.read(file));
    Duration scrape = DEFAULT_INTERVAL;
    Duration evaluation = DEFAULT_INTERVAL;
    Optional<Fields> global = root.optionalMapping("global");
    if (global.isPresent()) {
      scrape = global.get().optionalDuration("scrape_interval").orElse(DEFAULT_INTERVAL);
      evaluation = global.get().optionalDuration("evaluation_interval").orElse(DEFAULT_INTERVAL);
    }
    Map<String, AlertRule> rules = new LinkedHashMap<>();
    Path base = file.toAbsolutePath().getParent();
    for (String pattern : root.strings("rule_files")) {
      for (Path ruleFile : expand(base, pattern, root)) {
        for (AlertRule rule : alertRules(ruleFile)) {
          if (rules.putIfAbsent(rule.name(), rule) != null) {
            // Two rules of one name would make "the floor of X" ambiguous.
            throw new ConfigFileException(
                ruleFile,
                "alert " + rule.name() + " is also defined in " + rules.get(rule.name()).file());
          }
        }
      }
    }
    return new PrometheusConfig(scrape, evaluation, rules);
  }

  private static List<Path> expand(Path base, String pattern, Fields root) {
    Path full = base.resolve(pattern);
    Path directory = full.getParent();
    String glob = full.getFileName().toString();
    TreeSet<Path> files = new TreeSet<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw root.error("rule_files", "cannot list " + full + ": " + e.getMessage());
    }
    return new ArrayList<>(files);
  }

  private static List<AlertRule> alertRules(Path ruleFile) {
    Fields root = Fields.root(ruleFile, YamlFile.read(ruleFile));
    List<AlertRule> rules = new ArrayList<>();
    for (Fields group : root.mappings("groups")) {
      for (Fields rule : group.mappings("rules")) {
        if (!rule.has("alert")) {
          continue; // a recording rule
        }
        Map<String, String> labels = new LinkedHashMap<>();
        rule.optionalMapping("labels")
            .ifPresent(l -> l.keys().forEach(key -> labels.put(key, l.string(key))));
        Duration pendingFor;
        try {
          pendingFor = rule.optionalString("for").map(PromDuration::parse).orElse(Duration.ZERO);
        } catch (IllegalArgumentException e) {
          throw rule.error("for", e.getMessage());
        }
        rules.add(
            new AlertRule(rule.string("alert"), rule.string("expr"), pendingFor, labels, ruleFile));
      }
    }
    return rules;
  }
}
