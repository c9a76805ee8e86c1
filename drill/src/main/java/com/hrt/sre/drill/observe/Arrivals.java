package com.hrt.sre.drill.observe;

import com.hrt.sre.drill.report.Timeline;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the messages that arrived in mock-slack during a drill say about each alert: when its first
 * firing message arrived and where, when the resolved one followed, and which alerts nobody
 * expected.
 */
public final class Arrivals {

  private final List<Arrival> arrivals;

  public Arrivals(List<Arrival> arrivals) {
    this.arrivals = arrivals.stream().sorted(Comparator.comparing(Arrival::receivedAt)).toList();
  }

  /**
   * The mock-slack side of one alert's times (pending and firing come from Prometheus, so they are
   * left empty here): its first firing message, and the first resolved message after it.
   */
  public Timeline.AlertTimes of(String alert) {
    Optional<Arrival> firing = arrivals.stream().filter(a -> a.is(alert, "firing")).findFirst();
    Instant resolved =
        firing
            .flatMap(
                f ->
                    arrivals.stream()
                        .filter(a -> a.is(alert, "resolved"))
                        .filter(a -> !a.receivedAt().isBefore(f.receivedAt()))
                        .findFirst())
            .map(Arrival::receivedAt)
            .orElse(null);
    return new Timeline.AlertTimes(
        alert,
        null,
        null,
        firing.map(Arrival::receivedAt).orElse(null),
        firing.map(Arrival::channel).orElse(null),
        resolved);
  }

  /** Firing messages of alerts outside {@code expected}: the first of each, in arrival order. */
  public List<Timeline.NoiseAlert> noise(Set<String> expected) {
    return arrivals.stream()
        .filter(a -> "firing".equals(a.status()) && a.alertname() != null)
        .filter(a -> !expected.contains(a.alertname()))
        .filter(distinctBy())
        .map(a -> new Timeline.NoiseAlert(a.alertname(), a.channel(), a.receivedAt()))
        .toList();
  }

  /**
   * The first firing message of {@code alert} someone acknowledged in mock-slack (a player's
   * Acknowledge), if any.
   */
  public Optional<Arrival> acknowledged(String alert) {
    return arrivals.stream()
        .filter(a -> a.is(alert, "firing") && a.acknowledgedAt() != null)
        .findFirst();
  }

  private static Predicate<Arrival> distinctBy() {
    Set<String> seen = new HashSet<>();
    return a -> seen.add(a.alertname());
  }
}
