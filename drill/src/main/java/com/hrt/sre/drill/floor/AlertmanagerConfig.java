package com.hrt.sre.drill.floor;

import com.hrt.sre.drill.config.Fields;
import com.hrt.sre.drill.config.YamlFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of {@code alertmanager.yml} that decides when and where an alert is delivered: the
 * routing tree (with its inherited timings) and the Slack channel of each receiver.
 */
public final class AlertmanagerConfig {

  /** Alertmanager's own defaults, used where no route up the tree sets a value. */
  static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

  static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);

  private final Route root;
  private final Map<String, Optional<String>> channels;

  private AlertmanagerConfig(Route root, Map<String, Optional<String>> channels) {
    this.root = root;
    this.channels = channels;
  }

  /** Where an alert with these labels goes, and how long its first message waits. */
  public record Delivery(
      String receiver, Optional<String> channel, Duration groupWait, Duration groupInterval) {}

  public static AlertmanagerConfig load(Path file) {
    Fields document = Fields.root(file, YamlFile.read(file));
    Route root =
        Route.parse(
            document.mapping("route"), null, DEFAULT_GROUP_WAIT, DEFAULT_GROUP_INTERVAL, true);
    Map<String, Optional<String>> channels = new HashMap<>();
    for (Fields receiver : document.mappings("receivers")) {
      List<Fields> slack = receiver.mappings("slack_configs");
      channels.put(
          receiver.string("name"),
          slack.isEmpty() ? Optional.empty() : slack.get(0).optionalString("channel"));
    }
    return new AlertmanagerConfig(root, channels);
  }

  /**
   * The first matching route, depth first, as Alertmanager walks it (a route with {@code continue:
   * true} would also deliver elsewhere; the first match is where its first message goes).
   */
  public Delivery deliveryOf(Map<String, String> labels) {
    Route route = root.find(labels).orElse(root);
    return new Delivery(
        route.receiver(),
        channels.getOrDefault(route.receiver(), Optional.empty()),
        route.groupWait(),
        route.groupInterval());
  }

  private record Route(
      String receiver,
      List<Matcher> matchers,
      Duration groupWait,
      Duration groupInterval,
      List<Route> children) {

    static Route parse(
        Fields route,
        String parentReceiver,
        Duration parentWait,
        Duration parentInterval,
        boolean isRoot) {
      String receiver =
          isRoot
              ? route.string("receiver")
              : route.optionalString("receiver").orElse(parentReceiver);
      Duration wait = route.optionalDuration("group_wait").orElse(parentWait);
      Duration interval = route.optionalDuration("group_interval").orElse(parentInterval);
      List<Matcher> matchers = new ArrayList<>();
      for (String text : route.strings("matchers")) {
        try {
          matchers.add(Matcher.parse(text));
        } catch (IllegalArgumentException e) {
          throw route.error("matchers", e.getMessage());
        }
      }
      route
          .optionalMapping("match")
          .ifPresent(m -> m.keys().forEach(k -> matchers.add(new Matcher(k, "=", m.string(k)))));
      route
          .optionalMapping("match_re")
          .ifPresent(m -> m.keys().forEach(k -> matchers.add(new Matcher(k, "=~", m.string(k)))));
      List<Route> children = new ArrayList<>();
      for (Fields child : route.mappings("routes")) {
        children.add(parse(child, receiver, wait, interval, false));
      }
      return new Route(receiver, matchers, wait, interval, children);
    }

    Optional<Route> find(Map<String, String> labels) {
      if (!matchers.stream().allMatch(m -> m.matches(labels))) {
        return Optional.empty();
      }
      for (Route child : children) {
        Optional<Route> match = child.find(labels);
        if (match.isPresent()) {
          return match;
        }
      }
      return Optional.of(this);
    }
  }
}
