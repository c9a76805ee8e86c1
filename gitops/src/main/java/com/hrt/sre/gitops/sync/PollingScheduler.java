package com.hrt.sre.gitops.sync;

import com.hrt.sre.gitops.config.GitopsProperties;
import java.util.concurrent.ScheduledFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Service mode: a sync every poll interval, the first one right at start. */
@Component
@ConditionalOnProperty(
    prefix = "gitops",
    name = "once",
    havingValue = "false",
    matchIfMissing = true)
class PollingScheduler implements SmartLifecycle {

  private final TaskScheduler scheduler;
  private final SyncService syncService;
  private final GitopsProperties properties;
  private ScheduledFuture<?> task;

  PollingScheduler(TaskScheduler scheduler, SyncService syncService, GitopsProperties properties) {
    this.scheduler = scheduler;
    this.syncService = syncService;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    task = scheduler.scheduleWithFixedDelay(syncService::sync, properties.pollInterval());
  }

  @Override
  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return task != null;
  }
}
