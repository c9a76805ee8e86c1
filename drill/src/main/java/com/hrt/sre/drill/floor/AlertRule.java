package com.hrt.sre.drill.floor;

import com.hrt.sre.drill.config.PromDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alerting rule as Prometheus loads it.
 *
 * @param name the alert's name
 * @param expr its PromQL expression
 * @param pendingFor its {@code for:} (zero when absent: it fires at the first true evaluation)
 * @param labels its static labels (severity, service), which route it in Alertmanager
 * @param file the rule file it came from
 */
public record AlertRule(
    String name, String expr, Duration pendingFor, Map<String, String> labels, Path file) {

  /** A range selector or subquery: {@code [5m]}, {@code [1h:1m]}. */
  private static final Pattern WINDOW = Pattern.compile("\\[\\s*([0-9]+[a-z]+(?:[0-9]+[a-z]+)*)");

  /**
   * An age condition, {@code time() - <timestamp> > N}: the alert cannot fire until N seconds after
   * the last update, whatever {@code for} says. N may be a product ({@code 3 * 300}).
   */
  private static final Pattern AGE =
      Pattern.compile(
          "time\\(\\)\\s*-.*>\\s*([0-9]+(?:\\.[0-9]+)?(?:\\s*\\*\\s*[0-9]+(?:\\.[0-9]+)?)*)\\s*$",
          Pattern.DOTALL);

  public AlertRule {
    labels = Map.copyOf(labels);
  }

  /** The range windows the expression reads, in order of appearance, e.g. {@code [1m, 1m]}. */
  public List<Duration> windows() {
    List<Duration> windows = new ArrayList<>();
    Matcher matcher = WINDOW.matcher(expr);
    while (matcher.find()) {
      windows.add(PromDuration.parse(matcher.group(1)));
    }
    return windows;
  }

  /** The age an update must reach before the expression is true; empty for other alerts. */
  public Optional<Duration> ageThreshold() {
    Matcher matcher = AGE.matcher(expr.strip());
    if (!matcher.find()) {
      return Optional.empty();
    }
    double seconds = 1;
    for (String factor : matcher.group(1).split("\\*")) {
      seconds *= Double.parseDouble(factor.trim());
    }
    return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
  }
}
