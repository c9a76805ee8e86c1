package com.hrt.sre.autohealer.workload;

import java.util.Map;

/**
 * A workload as last read from the API: what the decision needs and what a patch must name.
 *
 * @param ref which workload
 * @param uid its uid (for Events)
 * @param resourceVersion the version read; a patch carrying it fails with 409 if it changed since
 * @param annotations its metadata annotations
 * @param paused a Deployment with {@code spec.paused: true} (always false for other kinds)
 */
public record Workload(
    WorkloadRef ref,
    String uid,
    String resourceVersion,
    Map<String, String> annotations,
    boolean paused) {

  public Workload {
    annotations = Map.copyOf(annotations);
  }

  /** The opt-out annotation says {@code "false"}. */
  public boolean optedOut() {
    return "false"
        .equalsIgnoreCase(annotations.getOrDefault(HealHistory.OPT_OUT_ANNOTATION, "").trim());
  }

  public HealHistory history() {
    return HealHistory.from(annotations);
  }

  public RestartLedger restartLedger() {
    return RestartLedger.from(annotations);
  }
}
