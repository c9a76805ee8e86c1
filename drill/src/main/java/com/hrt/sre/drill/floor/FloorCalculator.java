package com.hrt.sre.drill.floor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Detection floors from the monitoring configuration as shipped: {@code prometheus/prometheus.yml}
 * with its rule files and {@code prometheus/alertmanager.yml}, the one source both modes render
 * from (local mode changes only addresses).
 */
public final class FloorCalculator {

  private final PrometheusConfig prometheus;
  private final AlertmanagerConfig alertmanager;

  public FloorCalculator(PrometheusConfig prometheus, AlertmanagerConfig alertmanager) {
    this.prometheus = prometheus;
    this.alertmanager = alertmanager;
  }

  public static FloorCalculator load(Path prometheusYml, Path alertmanagerYml) {
    return new FloorCalculator(
        PrometheusConfig.load(prometheusYml), AlertmanagerConfig.load(alertmanagerYml));
  }

  public boolean knows(String alert) {
    return prometheus.rule(alert).isPresent();
  }

  /**
   * The floor of {@code alert}.
   *
   * @throws IllegalArgumentException when no rule file defines it
   */
  public DetectionFloor floorOf(String alert) {
    AlertRule rule =
        prometheus
            .rule(alert)
            .orElseThrow(() -> new IllegalArgumentException("no alerting rule is named " + alert));
    Map<String, String> labels = new HashMap<>(rule.labels());
    labels.put("alertname", alert);
    AlertmanagerConfig.Delivery delivery = alertmanager.deliveryOf(labels);
    return new DetectionFloor(
        alert,
        rule.pendingFor(),
        prometheus.scrapeInterval(),
        prometheus.evaluationInterval(),
        delivery.groupWait(),
        rule.ageThreshold(),
        rule.windows(),
        delivery.receiver(),
        delivery.channel());
  }
}
