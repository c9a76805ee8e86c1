package com.hrt.sre.gitops.sync;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code --once}: one sync, then the process exits 0 (applied, dry-run, up to date) or 1. */
@Component
@ConditionalOnProperty(prefix = "gitops", name = "once", havingValue = "true")
class OnceRunner implements ApplicationRunner, ExitCodeGenerator {

  private final SyncService syncService;
  private int exitCode;

  OnceRunner(SyncService syncService) {
    this.syncService = syncService;
  }

  @Override
  public void run(ApplicationArguments args) {
    exitCode = syncService.sync().failed() ? 1 : 0;
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
