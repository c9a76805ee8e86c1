package com.hrt.sre.autohealer.workload;

import java.util.Comparator;
import java.util.Locale;

/**
 * One restartable workload.
 *
 * @param kind Deployment, StatefulSet or DaemonSet
 * @param namespace its namespace
 * @param name its name
 */
public record WorkloadRef(WorkloadKind kind, String namespace, String name)
    implements Comparable<WorkloadRef> {

  private static final Comparator<WorkloadRef> ORDER =
      Comparator.comparing(WorkloadRef::namespace)
          .thenComparing(WorkloadRef::kind)
          .thenComparing(WorkloadRef::name);

  /** The workload as kubectl names it inside its namespace, e.g. {@code deployment/portal}. */
  public String label() {
    return kind.kind().toLowerCase(Locale.ROOT) + "/" + name;
  }

  @Override
  public int compareTo(WorkloadRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace + "/" + label();
  }
}
