package com.hrt.sre.portal.chaos;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The chaos settings in force as gauges, so a dashboard can show "someone turned chaos on" next to
 * the error rate it causes: {@code portal_chaos_failure_rate}, {@code
 * portal_chaos_latency_seconds}, {@code portal_chaos_latency_jitter_seconds}, {@code
 * portal_chaos_crash_after_seconds}.
 */
@Component
class ChaosMetrics implements MeterBinder {

  private final ChaosControl control;

  ChaosMetrics(ChaosControl control) {
    this.control = control;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("portal.chaos.failure.rate", control, c -> c.current().failureRate())
        .description("Fraction of API requests answered 503 by failure injection (0-1)")
        .register(registry);
    Gauge.builder("portal.chaos.latency", control, c -> c.current().latencyMs() / 1000.0)
        .baseUnit("seconds")
        .description("Fixed latency added to every API request")
        .register(registry);
    Gauge.builder(
            "portal.chaos.latency.jitter", control, c -> c.current().latencyJitterMs() / 1000.0)
        .baseUnit("seconds")
        .description("Maximum random latency added on top of the fixed latency")
        .register(registry);
    Gauge.builder("portal.chaos.crash.after", control, c -> c.current().crashAfterSeconds())
        .baseUnit("seconds")
        .description("Uptime after which liveness turns BROKEN (crash-loop mode); 0 = off")
        .register(registry);
  }
}
