package com.hrt.sre.autohealer;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic objects in the mock API server: Deployment → ReplicaSet → Pod with controller owner
 * references and uids, StatefulSet → Pod, bare pods, and container statuses as the kubelet writes
 * them (restart counts, lastState.terminated.finishedAt, waiting CrashLoopBackOff).
 */
public final class ClusterFixture {

  /** The fixed "now" of every test clock. */
  public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private final KubernetesClient client;

  public ClusterFixture(KubernetesClient client) {
    this.client = client;
  }

  /** A Deployment and its current ReplicaSet; returns the ReplicaSet (pods hang off it). */
  public ReplicaSet deployment(String namespace, String name, Map<String, String> annotations) {
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withNamespace(namespace)
                    .withName(name)
                    .withUid(UUID.randomUUID().toString())
                    .withLabels(Map.of("app.kubernetes.io/name", name))
                    .withAnnotations(annotations)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(2)
                    .withNewSelector()
                    .addToMatchLabels("app.kubernetes.io/name", name)
                    .endSelector()
                    .withTemplate(template(name))
                    .endSpec()
                    .build())
            .create();
    return client
        .apps()
        .replicaSets()
        .inNamespace(namespace)
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name + "-7d9f8c6b5")
                .withUid(UUID.randomUUID().toString())
                .withLabels(
                    Map.of("app.kubernetes.io/name", name, "pod-template-hash", "7d9f8c6b5"))
                .withOwnerReferences(controllerRef(deployment))
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", name)
                .endSelector()
                .withTemplate(template(name))
                .endSpec()
                .build())
        .create();
  }

  public ReplicaSet deployment(String namespace, String name) {
    return deployment(namespace, name, Map.of());
  }

  public StatefulSet statefulSet(String namespace, String name) {
    return client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withUid(UUID.randomUUID().toString())
                .endMetadata()
                .withNewSpec()
                .withServiceName(name)
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", name)
                .endSelector()
                .withTemplate(template(name))
                .endSpec()
                .build())
        .create();
  }

  public DaemonSet daemonSet(String namespace, String name) {
    return client
        .apps()
        .daemonSets()
        .inNamespace(namespace)
        .resource(
            new DaemonSetBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withUid(UUID.randomUUID().toString())
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", name)
                .endSelector()
                .withTemplate(template(name))
                .endSpec()
                .build())
        .create();
  }

  /** A pod owned by {@code owner} (null: a bare pod) with the given container status. */
  public Pod pod(String namespace, String name, HasMetadata owner, ContainerStatus status) {
    return client
        .pods()
        .inNamespace(namespace)
        .resource(podObject(namespace, name, owner, status, NOW.minus(Duration.ofMinutes(10))))
        .create();
  }

  /**
   * The pod object only, created at {@code createdAt}, for a test that serves it itself (the mock
   * server's CRUD store stamps its own wall-clock creationTimestamp on what it creates).
   */
  public static Pod podObject(
      String namespace, String name, HasMetadata owner, ContainerStatus status, Instant createdAt) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withUid(UUID.randomUUID().toString())
            .withCreationTimestamp(createdAt.toString())
            .withLabels(Map.of("app.kubernetes.io/name", name.replaceAll("-[^-]+-[^-]+$", "")))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("hrt-sre/portal:dev")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .withContainerStatuses(status)
            .endStatus();
    if (owner != null) {
      pod.editMetadata().withOwnerReferences(controllerRef(owner)).endMetadata();
    }
    return pod.build();
  }

  /** Waiting in CrashLoopBackOff now, after {@code restarts} restarts. */
  public static ContainerStatus crashLooping(int restarts) {
    return crashLooping(restarts, NOW.minusSeconds(20));
  }

  /**
   * Waiting in CrashLoopBackOff after {@code restarts} restarts, the last one ended at {@code at}.
   */
  public static ContainerStatus crashLooping(int restarts, Instant at) {
    return new ContainerStatusBuilder(terminatedAt(restarts, at))
        .withNewState()
        .withNewWaiting()
        .withReason("CrashLoopBackOff")
        .withMessage("back-off 40s restarting failed container=app")
        .endWaiting()
        .endState()
        .withReady(false)
        .build();
  }

  /** Running again, the last of {@code restarts} terminations {@code ago} before NOW. */
  public static ContainerStatus runningAfterRestarts(int restarts, Duration ago) {
    return new ContainerStatusBuilder(terminatedAt(restarts, NOW.minus(ago)))
        .withNewState()
        .withNewRunning()
        .withStartedAt(NOW.minus(ago).plusSeconds(1).toString())
        .endRunning()
        .endState()
        .withReady(true)
        .build();
  }

  /** Running, never restarted. */
  public static ContainerStatus healthy() {
    return new ContainerStatusBuilder()
        .withName("app")
        .withImage("hrt-sre/portal:dev")
        .withImageID("sha256:1")
        .withRestartCount(0)
        .withReady(true)
        .withStarted(true)
        .withNewState()
        .withNewRunning()
        .withStartedAt(NOW.minus(Duration.ofHours(2)).toString())
        .endRunning()
        .endState()
        .build();
  }

  private static ContainerStatus terminatedAt(int restarts, Instant at) {
    return new ContainerStatusBuilder()
        .withName("app")
        .withImage("hrt-sre/portal:dev")
        .withImageID("sha256:1")
        .withRestartCount(restarts)
        .withStarted(false)
        .withNewLastState()
        .withNewTerminated()
        .withExitCode(1)
        .withReason("Error")
        .withStartedAt(at.minusSeconds(5).toString())
        .withFinishedAt(at.toString())
        .endTerminated()
        .endLastState()
        .build();
  }

  private static PodTemplateSpec template(String name) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app.kubernetes.io/name", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("hrt-sre/" + name + ":dev")
        .endContainer()
        .endSpec()
        .build();
  }

  private static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
