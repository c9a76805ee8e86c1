package com.hrt.sre.gitops.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code gitops_sync_total{result}}, {@code gitops_last_sync_timestamp_seconds} (the last sync that
 * ended with the cluster at the branch tip: applied, or already up to date) and {@code
 * gitops_last_applied_commit_info{commit}} (one series, value 1, for the commit in the cluster).
 */
@Component
class SyncMetrics {

  private final MeterRegistry registry;
  private final AtomicLong lastSyncEpochSeconds = new AtomicLong();
  private final MultiGauge lastAppliedCommit;

  SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("gitops.last.sync.timestamp.seconds", lastSyncEpochSeconds, AtomicLong::get)
        .description("Unix time of the last sync that left the cluster at the branch tip")
        .register(registry);
    this.lastAppliedCommit =
        MultiGauge.builder("gitops.last.applied.commit.info")
            .description("The commit the watcher last applied (value always 1)")
            .register(registry);
    for (SyncResult.Outcome outcome : SyncResult.Outcome.values()) {
      counter(outcome); // every series exists from the start, at 0, so rate() and alerts work
    }
  }

  void record(SyncResult result) {
    counter(result.outcome()).increment();
    if (result.outcome() == SyncResult.Outcome.APPLIED
        || result.outcome() == SyncResult.Outcome.UP_TO_DATE) {
      lastSyncEpochSeconds.set(registry.config().clock().wallTime() / 1000);
    }
  }

  void appliedCommit(String commit) {
    lastAppliedCommit.register(List.of(MultiGauge.Row.of(Tags.of("commit", commit), 1)), true);
  }

  private Counter counter(SyncResult.Outcome outcome) {
    return Counter.builder("gitops.sync")
        .description("Polls by result: success, failure, dry_run, up_to_date")
        .tag("result", outcome.metricLabel())
        .register(registry);
  }
}
