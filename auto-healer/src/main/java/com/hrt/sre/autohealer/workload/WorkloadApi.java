package com.hrt.sre.autohealer.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and patches workloads. Every write is one JSON merge patch that carries the resourceVersion
 * it was decided on, so a concurrent change makes it fail with 409 instead of overwriting the heal
 * history someone else just wrote.
 */
public final class WorkloadApi {

  /** The pod-template annotation {@code kubectl rollout restart} sets. */
  public static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

  private final KubernetesClient client;

  public WorkloadApi(KubernetesClient client) {
    this.client = client;
  }

  /** The workload now, or empty if it is gone. */
  public Optional<Workload> get(WorkloadRef ref) {
    HasMetadata found =
        client.resources(ref.kind().type()).inNamespace(ref.namespace()).withName(ref.name()).get();
    return Optional.ofNullable(found)
        .map(HasMetadata::getMetadata)
        .map(
            metadata ->
                new Workload(
                    ref,
                    metadata.getUid(),
                    metadata.getResourceVersion(),
                    Optional.ofNullable(metadata.getAnnotations()).orElse(Map.of()),
                    isPaused(found)));
  }

  private static boolean isPaused(HasMetadata workload) {
    return workload instanceof Deployment deployment
        && deployment.getSpec() != null
        && Boolean.TRUE.equals(deployment.getSpec().getPaused());
  }

  /**
   * A rollout restart exactly like {@code kubectl rollout restart} (the template's {@code
   * restartedAt} annotation, which makes the controller roll new pods), together with the updated
   * heal history and {@code bookkeeping} (further annotations, e.g. the restart ledger), in one
   * request.
   */
  public void restart(Workload workload, Instant now, Map<String, String> bookkeeping) {
    Map<String, String> annotations = new HashMap<>(bookkeeping);
    annotations.put(HealHistory.HISTORY_ANNOTATION, workload.history().withHeal(now));
    Map<String, Object> patch =
        Map.of(
            "metadata",
            metadata(workload, annotations),
            "spec",
            Map.of(
                "template",
                Map.of(
                    "metadata",
                    Map.of(
                        "annotations", Map.of(RESTARTED_AT_ANNOTATION, HealHistory.format(now))))));
    apply(workload.ref(), patch);
  }

  /**
   * Records a give-up (and {@code bookkeeping}), so the next run does not raise a second Event for
   * the same episode.
   */
  public void recordGiveUp(Workload workload, Instant now, Map<String, String> bookkeeping) {
    Map<String, String> annotations = new HashMap<>(bookkeeping);
    annotations.put(HealHistory.GAVE_UP_ANNOTATION, HealHistory.format(now));
    annotate(workload, annotations);
  }

  /** Writes the healer's own annotations, nothing else. */
  public void annotate(Workload workload, Map<String, String> annotations) {
    apply(workload.ref(), Map.of("metadata", metadata(workload, annotations)));
  }

  private static Map<String, Object> metadata(Workload workload, Map<String, String> annotations) {
    return Map.of("resourceVersion", workload.resourceVersion(), "annotations", annotations);
  }

  private void apply(WorkloadRef ref, Map<String, Object> patch) {
    String json = client.getKubernetesSerialization().asJson(patch);
    client
        .resources(ref.kind().type())
        .inNamespace(ref.namespace())
        .withName(ref.name())
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }
}
