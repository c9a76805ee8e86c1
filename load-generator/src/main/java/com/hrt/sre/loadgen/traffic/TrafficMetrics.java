package com.hrt.sre.loadgen.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * The client-side (black-box) view of the target: {@code loadgen_requests_total{outcome}}, {@code
 * loadgen_request_duration_seconds} with the portal's SLO buckets, {@code loadgen_target_rate} and
 * {@code loadgen_in_flight}. Every outcome is registered at start so its series exists at 0.
 */
@Component
class TrafficMetrics {

  /** The same buckets as the portal's server-side histogram, so both views line up. */
  static final Duration[] SLO_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;
  private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);

  TrafficMetrics(MeterRegistry registry, TargetRate targetRate) {
    this.registry = registry;
    for (Outcome outcome : Outcome.values()) {
      requests.put(
          outcome,
          Counter.builder("loadgen.requests")
              .description("Requests the load generator meant to send, by how they ended")
              .tag("outcome", outcome.label())
              .register(registry));
      if (outcome != Outcome.DROPPED) {
        durations.put(
            outcome,
            Timer.builder("loadgen.request.duration")
                .description("Client-side request latency, from send to response headers")
                .tag("outcome", outcome.label())
                .serviceLevelObjectives(SLO_BUCKETS)
                .register(registry));
      }
    }
    Gauge.builder("loadgen.target.rate", targetRate, TargetRate::current)
        .description("Configured request rate (requests per second; 0 = paused)")
        .strongReference(true)
        .register(registry);
  }

  void inFlight(IntSupplier inFlight) {
    Gauge.builder("loadgen.in.flight", inFlight, supplier -> supplier.getAsInt())
        .description("Requests sent and not yet answered")
        .strongReference(true)
        .register(registry);
  }

  void completed(Outcome outcome, long elapsedNanos) {
    requests.get(outcome).increment();
    durations.get(outcome).record(elapsedNanos, TimeUnit.NANOSECONDS);
  }

  void dropped(long count) {
    requests.get(Outcome.DROPPED).increment(count);
  }
}
