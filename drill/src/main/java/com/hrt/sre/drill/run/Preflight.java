package com.hrt.sre.drill.run;

import com.hrt.sre.drill.observe.MockSlackClient;
import com.hrt.sre.drill.observe.ObserveException;
import com.hrt.sre.drill.observe.PrometheusClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Before a drill breaks anything: the stack must be healthy (every scrape target up) and quiet (no
 * alert pending or firing but the always-firing ones), else a drill would measure someone else's
 * incident; and the alert path must work: mock-slack receives the Watchdog's heartbeats through
 * Alertmanager (its pipeline status is healthy). An earlier scenario's alerts may still be
 * resolving, so it waits (bounded) before it refuses, saying what is wrong.
 */
final class Preflight {

  private final PrometheusClient prometheus;
  private final MockSlackClient mockSlack;
  private final RunSettings settings;
  private final Pacer pacer;
  private final Consumer<String> out;

  Preflight(
      PrometheusClient prometheus,
      MockSlackClient mockSlack,
      RunSettings settings,
      Pacer pacer,
      Consumer<String> out) {
    this.prometheus = prometheus;
    this.mockSlack = mockSlack;
    this.settings = settings;
    this.pacer = pacer;
    this.out = out;
  }

  /** Empty when the stack is ready for a drill; otherwise why it is not, after waiting. */
  Optional<String> await() {
    Instant deadline = pacer.now().plus(settings.quietWait());
    Optional<String> problem = check();
    if (problem.isPresent()) {
      out.accept(
          "  waiting up to "
              + settings.quietWait().toSeconds()
              + " s for a healthy, quiet stack: "
              + problem.get());
    }
    while (problem.isPresent() && pacer.now().isBefore(deadline)) {
      pacer.sleep(settings.poll());
      problem = check();
    }
    return problem;
  }

  Optional<String> check() {
    try {
      List<PrometheusClient.Target> targets = prometheus.targets();
      if (targets.isEmpty()) {
        return Optional.of("Prometheus has no scrape targets");
      }
      List<String> down =
          targets.stream()
              .filter(t -> !t.up())
              .map(
                  t ->
                      t.job()
                          + " ("
                          + t.instance()
                          + ": "
                          + t.health()
                          + (t.lastError().isEmpty() ? "" : ", " + t.lastError())
                          + ")")
              .toList();
      if (!down.isEmpty()) {
        return Optional.of("scrape targets not up: " + String.join(", ", down));
      }
      List<String> loud =
          prometheus.alerts().stream()
              .filter(a -> !settings.alwaysFiring().contains(a.alertname()))
              .map(a -> a.alertname() + " (" + a.state() + " since " + a.activeAt() + ")")
              .distinct()
              .toList();
      if (!loud.isEmpty()) {
        return Optional.of("alerts active: " + String.join(", ", loud));
      }
      String pipeline = mockSlack.pipelineStatus();
      if (!"healthy".equals(pipeline)) {
        return Optional.of(
            "mock-slack's alerting pipeline is "
                + pipeline
                + " (the Watchdog's heartbeats do not arrive: Prometheus → Alertmanager → mock-slack)");
      }
      return Optional.empty();
    } catch (ObserveException e) {
      return Optional.of(e.getMessage());
    }
  }
}
