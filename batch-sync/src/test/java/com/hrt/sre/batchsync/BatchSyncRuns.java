package com.hrt.sre.batchsync;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the job in this JVM as `java -jar` would, with short retry waits for tests. The time bounds
 * stay generous: a first request to a cold WireMock on a loaded 2-core machine took over 3 s once,
 * and the failure cases end on attempts (4 within milliseconds), not on time.
 */
final class BatchSyncRuns {

  private BatchSyncRuns() {}

  /** Exit code of one run; {@code settings} are "NAME=value" pairs (env names or properties). */
  static int run(String portalUrl, String pushgatewayUrl, String... settings) {
    List<String> args = new ArrayList<>();
    args.add("--PORTAL_URL=" + portalUrl);
    args.add("--PUSHGATEWAY_URL=" + pushgatewayUrl);
    args.add("--batch-sync.retry.initial-backoff=20ms");
    args.add("--batch-sync.retry.max-backoff=50ms");
    args.add("--batch-sync.retry.jitter=10ms");
    args.add("--batch-sync.retry.max-elapsed=20s");
    args.add("--batch-sync.request-timeout=10s");
    for (String setting : settings) {
      args.add("--" + setting);
    }
    return BatchSyncApplication.run(args.toArray(String[]::new));
  }
}
