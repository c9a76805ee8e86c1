package com.hrt.sre.gitops.sync;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /health} is DOWN while the last sync failed (the cluster may lag the branch), UP
 * otherwise. Liveness and readiness do not include it: a bad commit is not a reason to restart or
 * unroute the watcher.
 */
@Component("gitopsSync")
class SyncHealthIndicator implements HealthIndicator {

  private final SyncService syncService;

  SyncHealthIndicator(SyncService syncService) {
    this.syncService = syncService;
  }

  @Override
  public Health health() {
    Health.Builder health =
        syncService.lastResult().filter(SyncResult::failed).isPresent()
            ? Health.down()
            : Health.up();
    syncService
        .lastAppliedCommit()
        .ifPresent(commit -> health.withDetail("lastAppliedCommit", commit));
    syncService
        .lastResult()
        .ifPresent(
            result -> {
              health.withDetail("lastResult", result.outcome().name());
              if (result.error() != null) {
                health.withDetail("error", result.error());
                health.withDetail(
                    "retry",
                    syncService.retryAt().map(Object::toString).orElse("after a newer commit"));
              }
            });
    return health.build();
  }
}
