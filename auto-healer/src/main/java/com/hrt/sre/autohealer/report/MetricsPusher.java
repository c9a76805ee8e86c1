package com.hrt.sre.autohealer.report;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes one run's metrics to the Pushgateway under {@code job="auto-healer"} with the Prometheus
 * client's PushGateway (HTTP PUT: the group is replaced, so every series describes the LAST run and
 * a workload that is healthy again disappears from {@code autohealer_last_run_actions}). Hence only
 * gauges: a per-run value pushed as a counter would read as a total that resets every minute. A
 * Pushgateway that cannot be reached is logged, never fatal: the heals have already happened.
 */
public final class MetricsPusher {

  public static final String JOB = "auto-healer";

  /**
   * The per-workload decisions of the last run; AutoHealerGaveUp and the Jobs dashboard read it.
   */
  public static final String ACTIONS = "autohealer_last_run_actions";

  private static final Logger log = LoggerFactory.getLogger(MetricsPusher.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String pushgatewayUrl;

  /** {@code pushgatewayUrl} empty: pushing is off. */
  public MetricsPusher(String pushgatewayUrl) {
    this.pushgatewayUrl = pushgatewayUrl;
  }

  /** Pushes the run's metrics; returns whether they arrived. */
  public boolean push(RunReport report) {
    if (pushgatewayUrl.isEmpty()) {
      log.info("event=metrics_not_pushed reason=\"PUSHGATEWAY_URL is empty\"");
      return false;
    }
    URI uri = URI.create(pushgatewayUrl);
    try {
      PushGateway.builder()
          .scheme("https".equals(uri.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
          .address(uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : defaultPort(uri)))
          .job(JOB)
          .format(Format.PROMETHEUS_TEXT)
          .connectionTimeout(TIMEOUT)
          .readTimeout(TIMEOUT)
          .registry(registryOf(report))
          .build()
          .push();
      log.info("event=metrics_pushed pushgateway={} job={}", pushgatewayUrl, JOB);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "event=metrics_push_failed pushgateway={} reason=\"{}\"", pushgatewayUrl, e.getMessage());
      return false;
    }
  }

  /** The run as Prometheus metrics. */
  static PrometheusRegistry registryOf(RunReport report) {
    PrometheusRegistry registry = new PrometheusRegistry();
    gauge(
            registry,
            "autohealer_last_run_timestamp_seconds",
            "When the last run started (Unix time).")
        .set(report.startedAt().toEpochMilli() / 1000.0);
    gauge(registry, "autohealer_last_run_duration_seconds", "How long the last run took.")
        .set(report.duration().toMillis() / 1000.0);
    gauge(
            registry,
            "autohealer_last_run_success",
            "1 when the last run had no failed heal, looked up every owner and listed every"
                + " namespace, else 0.")
        .set(report.hasFailures() ? 0 : 1);
    gauge(registry, "autohealer_pods_scanned", "Pods in scope in the last run.")
        .set(report.podsScanned());
    gauge(
            registry,
            "autohealer_unhealthy_pods",
            "Pods with at least RESTART_THRESHOLD restarts within RESTART_WINDOW in the last run.")
        .set(report.unhealthyPods());
    Gauge actions =
        Gauge.builder()
            .name(ACTIONS)
            .help(
                "Decisions of the last run: 1 per unhealthy workload, labelled with the action"
                    + " taken (restarted, dry_run, skipped_cooldown, skipped_opt_out,"
                    + " skipped_paused, skipped_run_limit, gave_up, failed).")
            .labelNames("namespace", "workload", "action")
            .register(registry);
    for (WorkloadOutcome outcome : report.outcomes()) {
      actions
          .labelValues(
              outcome.workload().namespace(), outcome.workload().label(), outcome.action().label())
          .inc();
    }
    return registry;
  }

  private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
    return Gauge.builder().name(name).help(help).register(registry);
  }

  private static int defaultPort(URI uri) {
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }
}
