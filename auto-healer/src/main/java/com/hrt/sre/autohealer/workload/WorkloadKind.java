package com.hrt.sre.autohealer.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Arrays;
import java.util.Optional;

/** The workload kinds a rollout restart applies to (as {@code kubectl rollout restart}). */
public enum WorkloadKind {
  DEPLOYMENT("Deployment", Deployment.class),
  STATEFUL_SET("StatefulSet", StatefulSet.class),
  DAEMON_SET("DaemonSet", DaemonSet.class);

  public static final String API_VERSION = "apps/v1";

  private final String kind;
  private final Class<? extends HasMetadata> type;

  WorkloadKind(String kind, Class<? extends HasMetadata> type) {
    this.kind = kind;
    this.type = type;
  }

  /** The Kubernetes {@code kind}, e.g. {@code Deployment}. */
  public String kind() {
    return kind;
  }

  Class<? extends HasMetadata> type() {
    return type;
  }

  /** The kind for an owner reference's {@code apiVersion} and {@code kind}, if restartable. */
  static Optional<WorkloadKind> of(String apiVersion, String kind) {
    return Arrays.stream(values())
        .filter(k -> k.kind.equals(kind) && API_VERSION.equals(apiVersion))
        .findFirst();
  }
}
