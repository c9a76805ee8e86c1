package com.hrt.sre.drill.run;

import com.hrt.sre.drill.act.ActionFailedException;
import com.hrt.sre.drill.act.StepExecutor;
import com.hrt.sre.drill.floor.DetectionFloor;
import com.hrt.sre.drill.floor.FloorCalculator;
import com.hrt.sre.drill.observe.Arrival;
import com.hrt.sre.drill.observe.Arrivals;
import com.hrt.sre.drill.observe.MockSlackClient;
import com.hrt.sre.drill.observe.ObserveException;
import com.hrt.sre.drill.observe.PrometheusClient;
import com.hrt.sre.drill.report.Timeline;
import com.hrt.sre.drill.scenario.ExpectedAlert;
import com.hrt.sre.drill.scenario.Mode;
import com.hrt.sre.drill.scenario.Scenario;
import com.hrt.sre.drill.scenario.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One drill, start to end: record the error budget, inject, watch Prometheus and mock-slack until
 * every expected alert has arrived (or its limit passed), heal (or wait for the player), watch
 * until the service recovered and every alert's resolved message arrived (or their limits passed),
 * record the budget again. What it saw is the {@link Timeline} the report is computed from; it
 * never judges.
 */
final class ScenarioRunner {

  static final String BUDGET = "slo:error_budget_remaining:ratio";

  private final PrometheusClient prometheus;
  private final MockSlackClient mockSlack;
  private final StepExecutor executor;
  private final FloorCalculator floors;
  private final RunSettings settings;
  private final Pacer pacer;
  private final Consumer<String> out;

  ScenarioRunner(
      PrometheusClient prometheus,
      MockSlackClient mockSlack,
      StepExecutor executor,
      FloorCalculator floors,
      RunSettings settings,
      Pacer pacer,
      Consumer<String> out) {
    this.prometheus = prometheus;
    this.mockSlack = mockSlack;
    this.executor = executor;
    this.floors = floors;
    this.settings = settings;
    this.pacer = pacer;
    this.out = out;
  }

  Timeline run(Scenario scenario, Mode mode) {
    Instant start = pacer.now();
    Set<String> expected =
        scenario.expect().stream().map(ExpectedAlert::alert).collect(Collectors.toSet());
    Seen seen = new Seen(expected);
    List<String> notes = new ArrayList<>();
    Double budgetBefore = budget();

    Instant injectedAt = null;
    Step injection = scenario.injection(mode).orElseThrow();
    out.accept("  inject: " + injection.describe());
    if (attempt(injection, notes, "inject")) {
      injectedAt = pacer.now();
      Instant lastLimit = injectedAt.plus(longestNotifyLimit(scenario));
      out.accept(
          "  waiting for "
              + expected
              + " in mock-slack, up to "
              + Duration.between(injectedAt, lastLimit).toSeconds()
              + " s");
      Instant stopAt = lastLimit.plus(settings.grace());
      observe(start, seen);
      while (!seen.allNotified() && pacer.now().isBefore(stopAt)) {
        pacer.sleep(settings.poll());
        observe(start, seen);
      }
      seen.notified().forEach((alert, at) -> out.accept("  arrived: " + alert + " at " + at));
    }

    Instant healedAt = heal(scenario, mode, start, seen, notes);

    Instant recoveredAt = null;
    if (healedAt != null) {
      Instant stopAt =
          healedAt
              .plus(max(scenario.limits().recover(), scenario.limits().resolve()))
              .plus(settings.grace());
      out.accept(
          "  waiting for recovery ("
              + scenario.limits().recover().toSeconds()
              + " s) and resolved messages ("
              + scenario.limits().resolve().toSeconds()
              + " s)");
      while (true) {
        if (recoveredAt == null && holds(scenario.recoveredWhen())) {
          recoveredAt = pacer.now();
          out.accept("  recovered at " + recoveredAt);
        }
        observe(start, seen);
        if ((recoveredAt != null && seen.allResolved()) || !pacer.now().isBefore(stopAt)) {
          break;
        }
        pacer.sleep(settings.poll());
      }
    }
    notes.addAll(0, executor.autoHealerActions(start));
    List<Timeline.NoiseAlert> unexpected =
        seen.arrivals().noise(Set.copyOf(concat(expected, settings.alwaysFiring())));
    // A listed consequence is noted on the card, not counted as noise.
    unexpected.stream()
        .filter(alert -> scenario.consequences().contains(alert.alert()))
        .forEach(
            alert ->
                notes.add(
                    "consequence (not noise): "
                        + alert.alert()
                        + " arrived in "
                        + alert.channel()
                        + " at "
                        + alert.at()));
    return new Timeline(
        scenario.name(),
        injectedAt,
        healedAt,
        recoveredAt,
        seen.times(),
        unexpected.stream()
            .filter(alert -> !scenario.consequences().contains(alert.alert()))
            .toList(),
        budgetBefore,
        budget(),
        notes);
  }

  /** Heals with the scenario's step, or waits for the player to; empty when nothing healed. */
  private Instant heal(Scenario scenario, Mode mode, Instant start, Seen seen, List<String> notes) {
    Step step = scenario.heal().step(mode).orElseThrow();
    if (!settings.hasPlayer()) {
      out.accept("  heal (" + scenario.heal().by().label() + "): " + step.describe());
      return attempt(step, notes, "heal") ? pacer.now() : null;
    }
    return new PlayerWatch(scenario, step, start, seen, notes).await();
  }

  /**
   * PLAYER mode: the page in mock-slack is the cue. The player's Acknowledge (mock-slack's
   * acknowledgedAt) counts as the heal's start, so "recover" measures their fix; without an
   * Acknowledge the page's arrival does.
   */
  private final class PlayerWatch {
    private final Scenario scenario;
    private final Step step;
    private final Instant start;
    private final Seen seen;
    private final List<String> notes;

    PlayerWatch(Scenario scenario, Step step, Instant start, Seen seen, List<String> notes) {
      this.scenario = scenario;
      this.step = step;
      this.start = start;
      this.seen = seen;
      this.notes = notes;
    }

    Instant await() {
      Optional<Instant> cue = seen.notified().values().stream().min(Instant::compareTo);
      out.accept(
          "  "
              + settings.player()
              + ": the page in mock-slack ("
              + settings.mockSlackUrl()
              + ") is your cue. Acknowledge it there, then fix it ("
              + scenario.heal().runbook()
              + "; the drill would: "
              + step.describe()
              + "). Waiting up to "
              + settings.playerTimeout().toMinutes()
              + " min.");
      Instant deadline = pacer.now().plus(settings.playerTimeout());
      Optional<Arrival> ack = Optional.empty();
      while (pacer.now().isBefore(deadline)) {
        observe(start, seen);
        ack = firstAcknowledgement(seen.arrivals());
        if (holds(scenario.recoveredWhen())) {
          break;
        }
        pacer.sleep(settings.poll());
      }
      Instant fixedSeen = pacer.now();
      ack.ifPresent(
          a ->
              notes.add(
                  "player "
                      + a.acknowledgedBy()
                      + " acknowledged "
                      + a.alertname()
                      + " at "
                      + a.acknowledgedAt()
                      + cue.map(c -> " (" + seconds(c, a.acknowledgedAt()) + " after the page)")
                          .orElse("")));
      notes.add(
          "player "
              + settings.player()
              + "'s fix seen at "
              + fixedSeen
              + cue.map(c -> " (" + seconds(c, fixedSeen) + " after the page)").orElse(""));
      return ack.map(Arrival::acknowledgedAt).or(() -> cue).orElse(fixedSeen);
    }

    private Optional<Arrival> firstAcknowledgement(Arrivals arrivals) {
      return scenario.expect().stream()
          .map(e -> arrivals.acknowledged(e.alert()))
          .flatMap(Optional::stream)
          .min((a, b) -> a.acknowledgedAt().compareTo(b.acknowledgedAt()));
    }
  }

  private boolean attempt(Step step, List<String> notes, String what) {
    try {
      executor.execute(step);
      return true;
    } catch (ActionFailedException e) {
      out.accept("  " + what + " FAILED: " + e.getMessage());
      notes.add(what + " failed: " + e.getMessage());
      return false;
    }
  }

  /** Reads both sides once; a failed read is said and retried at the next poll. */
  private void observe(Instant start, Seen seen) {
    try {
      seen.prometheus(prometheus.alerts(), pacer.now());
    } catch (ObserveException e) {
      out.accept("  (retrying) " + e.getMessage());
    }
    try {
      seen.mockSlack(mockSlack.since(start));
    } catch (ObserveException e) {
      out.accept("  (retrying) " + e.getMessage());
    }
  }

  private boolean holds(String promql) {
    try {
      return prometheus.query(promql).isPresent();
    } catch (ObserveException e) {
      out.accept("  (retrying) " + e.getMessage());
      return false;
    }
  }

  private Double budget() {
    try {
      return prometheus.query(BUDGET).orElse(null);
    } catch (ObserveException e) {
      out.accept("  error budget not readable: " + e.getMessage());
      return null;
    }
  }

  private Duration longestNotifyLimit(Scenario scenario) {
    return scenario.expect().stream()
        .map(
            e ->
                floors.floorOf(e.alert()).total().plus(e.buildup()).plus(scenario.limits().slack()))
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds() + " s";
  }

  private static List<String> concat(Set<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * What has been seen so far of each expected alert: from Prometheus, the first pending and firing
   * instants; from mock-slack, the latest read of its messages.
   */
  private final class Seen {
    private final Set<String> expected;
    private final Map<String, Instant> pending = new LinkedHashMap<>();
    private final Map<String, Instant> firing = new LinkedHashMap<>();
    private Arrivals arrivals = new Arrivals(List.of());

    Seen(Set<String> expected) {
      this.expected = expected;
    }

    void prometheus(List<PrometheusClient.ActiveAlert> active, Instant now) {
      for (PrometheusClient.ActiveAlert alert : active) {
        if (!expected.contains(alert.alertname())) {
          continue;
        }
        pending.putIfAbsent(alert.alertname(), alert.activeAt());
        if ("firing".equals(alert.state())) {
          // A rule fires at the first evaluation `for` after activeAt; the poll only sees it later.
          DetectionFloor floor = floors.floorOf(alert.alertname());
          Instant fired = alert.activeAt().plus(floor.pendingFor());
          firing.putIfAbsent(alert.alertname(), fired.isAfter(now) ? now : fired);
        }
      }
    }

    void mockSlack(Arrivals latest) {
      arrivals = latest;
    }

    Arrivals arrivals() {
      return arrivals;
    }

    Map<String, Instant> notified() {
      Map<String, Instant> notified = new LinkedHashMap<>();
      for (String alert : expected) {
        Timeline.AlertTimes times = arrivals.of(alert);
        if (times.notifiedAt() != null) {
          notified.put(alert, times.notifiedAt());
        }
      }
      return notified;
    }

    boolean allNotified() {
      return notified().size() == expected.size();
    }

    /** Every alert that arrived has its resolved message (one that never arrived cannot). */
    boolean allResolved() {
      return expected.stream()
          .map(arrivals::of)
          .allMatch(t -> t.notifiedAt() == null || t.resolvedNotifiedAt() != null);
    }

    List<Timeline.AlertTimes> times() {
      return expected.stream()
          .sorted()
          .map(
              alert -> {
                Timeline.AlertTimes slack = arrivals.of(alert);
                return new Timeline.AlertTimes(
                    alert,
                    pending.get(alert),
                    firing.get(alert),
                    slack.notifiedAt(),
                    slack.notifiedChannel(),
                    slack.resolvedNotifiedAt());
              })
          .toList();
    }
  }
}
