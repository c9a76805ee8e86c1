package com.hrt.sre.gitops.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Identifies an object across renders: kind, namespace (empty if cluster-scoped) and name. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) {

  public static ObjectKey of(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return new ObjectKey(
        object.getApiVersion(),
        object.getKind(),
        namespace == null ? "" : namespace,
        object.getMetadata().getName());
  }

  /** Same object, whatever apiVersion it is served under (apps/v1 vs. a newer group version). */
  boolean sameObjectAs(ObjectKey other) {
    return kind.equals(other.kind) && namespace.equals(other.namespace) && name.equals(other.name);
  }

  @Override
  public String toString() {
    return "kind="
        + kind
        + " namespace="
        + (namespace.isEmpty() ? "-" : namespace)
        + " name="
        + name;
  }
}
