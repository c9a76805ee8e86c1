package com.hrt.sre.batchsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers the run's metrics once it has ended. Spring Boot's Pushgateway support pushes them when
 * the application context closes, with POST ({@code shutdown-operation=post}): the Pushgateway then
 * replaces only the metrics this run pushes and keeps the others of the group.
 *
 * <p>That is how a failed run keeps the last success time: only a successful run registers {@code
 * batch_sync_last_success_timestamp_seconds}, so a failed run's POST leaves the previous value in
 * place, while every other metric reflects the latest run. (A PUT would replace the whole group and
 * erase it; reading the old value back or a second grouping key would need more moving parts.)
 */
@Component
public class RunMetrics {

  private final MeterRegistry registry;

  RunMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void publish(RunReport run) {
    Counter.builder("batch.sync.records.processed")
        .description("Records processed successfully by the last run")
        .register(registry)
        .increment(run.processed());
    Counter.builder("batch.sync.records.failed")
        .description("Records that failed in the last run (transform or unfetchable page)")
        .register(registry)
        .increment(run.failed());
    gauge("batch.sync.duration", "Wall time of the last run", run.duration().toMillis() / 1000.0)
        .baseUnit("seconds")
        .register(registry);
    double finished = run.finishedAt().toEpochMilli() / 1000.0;
    gauge(
            "batch.sync.last.run.timestamp.seconds",
            "When the last run ended, success or not (Unix time)",
            finished)
        .register(registry);
    gauge(
            "batch.sync.last.run.success",
            "1 if the last run succeeded, 0 if it failed",
            run.success() ? 1 : 0)
        .register(registry);
    if (run.success()) {
      gauge(
              "batch.sync.last.success.timestamp.seconds",
              "When the last successful run ended (Unix time); failed runs leave it unchanged",
              finished)
          .register(registry);
    }
  }

  private static Gauge.Builder<?> gauge(String name, String description, double value) {
    return Gauge.builder(name, () -> value).description(description);
  }
}
