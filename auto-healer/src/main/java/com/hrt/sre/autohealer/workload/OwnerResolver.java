package com.hrt.sre.autohealer.workload;

import com.hrt.sre.autohealer.detect.RestartingPod;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the workload that owns a restarting pod: Pod → ReplicaSet → Deployment, StatefulSet and
 * DaemonSet directly. Each ReplicaSet is read at most once per run (the cache lives as long as this
 * object, i.e. one run), so the number of requests grows with the restarting workloads, not the
 * pods. An API error is thrown, not turned into a skip: the caller fails the run.
 */
public final class OwnerResolver {

  private final KubernetesClient client;
  private final Map<String, Optional<OwnerReference>> replicaSetOwners = new HashMap<>();

  public OwnerResolver(KubernetesClient client) {
    this.client = client;
  }

  /** The owning workload, or why there is none the healer may restart. */
  public Resolution resolve(RestartingPod pod) {
    if (pod.controller().isEmpty()) {
      return Resolution.skipped("no controller (bare pod)");
    }
    OwnerReference owner = pod.controller().get();
    if ("ReplicaSet".equals(owner.getKind())
        && WorkloadKind.API_VERSION.equals(owner.getApiVersion())) {
      return replicaSetOwner(pod.namespace(), owner.getName())
          .map(rsOwner -> toWorkload(pod.namespace(), rsOwner, "ReplicaSet " + owner.getName()))
          .orElseGet(
              () ->
                  Resolution.skipped(
                      "ReplicaSet " + owner.getName() + " has no Deployment (gone or bare)"));
    }
    return toWorkload(pod.namespace(), owner, "pod");
  }

  private Optional<OwnerReference> replicaSetOwner(String namespace, String name) {
    return replicaSetOwners.computeIfAbsent(
        namespace + "/" + name,
        key ->
            Optional.ofNullable(
                    client.apps().replicaSets().inNamespace(namespace).withName(name).get())
                .map(ReplicaSet::getMetadata)
                .map(metadata -> metadata.getOwnerReferences())
                .stream()
                .flatMap(List::stream)
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .findFirst());
  }

  private static Resolution toWorkload(String namespace, OwnerReference owner, String via) {
    return WorkloadKind.of(owner.getApiVersion(), owner.getKind())
        .map(kind -> Resolution.of(new WorkloadRef(kind, namespace, owner.getName())))
        .orElseGet(
            () ->
                Resolution.skipped(
                    via
                        + " is controlled by "
                        + owner.getKind()
                        + " "
                        + owner.getName()
                        + ", which a rollout restart does not apply to"));
  }

  /**
   * The outcome of resolving one pod.
   *
   * @param workload the owning workload, when there is one to restart
   * @param skipReason why the pod is skipped otherwise
   */
  public record Resolution(Optional<WorkloadRef> workload, String skipReason) {

    static Resolution of(WorkloadRef workload) {
      return new Resolution(Optional.of(workload), "");
    }

    static Resolution skipped(String reason) {
      return new Resolution(Optional.empty(), reason);
    }
  }
}
