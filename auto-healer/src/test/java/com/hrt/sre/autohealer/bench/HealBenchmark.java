package com.hrt.sre.autohealer.bench;

import com.hrt.sre.autohealer.AutoHealerApplication;
import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.PodPages;
import com.hrt.sre.autohealer.TestSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * bench/auto-healer.sh: one healer run, from the job's start (Spring context included) to its exit
 * code, over N pods in scope of which 50 crash-loop across 10 Deployments, against the fabric8 mock
 * API server; prints the API requests the run made and its wall time. Run once per JVM, so every
 * number is a cold start like the CronJob's.
 *
 * <p>The pod list is served from prepared pages of the healer's page size (the mock's CRUD store
 * would measure the mock filtering 20,000 objects, not the healer); Deployments, ReplicaSets,
 * patches and Events go through the CRUD store like in the tests.
 */
public final class HealBenchmark {

  private static final int UNHEALTHY_DEPLOYMENTS = 10;
  private static final int UNHEALTHY_PODS_EACH = 5;

  private HealBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pods = Integer.parseInt(args[0]);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = server.createClient()) {
      PodPages.serve(
          server,
          "/api/v1/namespaces/portal/pods",
          podList(client, pods),
          TestSettings.settings().api().pageSize());
      int before = server.getRequestCount();
      long start = System.nanoTime();

      int exit =
          AutoHealerApplication.run(
              new String[0],
              context -> {
                context
                    .getBeanFactory()
                    .registerSingleton(
                        "kubernetesClient",
                        TestSettings.healerClient(client, TestSettings.settings()));
                // The fixture's container statuses are relative to its NOW.
                context
                    .getBeanFactory()
                    .registerSingleton("clock", Clock.fixed(ClusterFixture.NOW, ZoneOffset.UTC));
              });

      long millis = (System.nanoTime() - start) / 1_000_000;
      int requests = server.getRequestCount() - before;
      System.out.printf(
          "RESULT pods=%d unhealthy=%d api_requests=%d wall_ms=%d exit=%d%n",
          pods, UNHEALTHY_DEPLOYMENTS * UNHEALTHY_PODS_EACH, requests, millis, exit);
    } finally {
      server.destroy();
    }
  }

  /**
   * 10 Deployments with 5 crash-looping pods each; the rest healthy pods of 100 other workloads.
   */
  private static List<Pod> podList(KubernetesClient client, int total) {
    ClusterFixture cluster = new ClusterFixture(client);
    List<Pod> pods = new ArrayList<>(total);
    for (int d = 0; d < UNHEALTHY_DEPLOYMENTS; d++) {
      ReplicaSet rs = cluster.deployment("portal", "crashing-" + d);
      for (int p = 0; p < UNHEALTHY_PODS_EACH; p++) {
        pods.add(pod(rs, "crashing-" + d + "-7d9f8c6b5-" + p, ClusterFixture.crashLooping(4 + d)));
      }
    }
    ReplicaSet healthyOwner = cluster.deployment("portal", "steady");
    for (int i = pods.size(); i < total; i++) {
      pods.add(pod(healthyOwner, "steady-7d9f8c6b5-" + i, ClusterFixture.healthy()));
    }
    return pods;
  }

  private static Pod pod(
      ReplicaSet owner, String name, io.fabric8.kubernetes.api.model.ContainerStatus status) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("portal")
        .withName(name)
        .withUid(name)
        .withCreationTimestamp(ClusterFixture.NOW.minus(Duration.ofMinutes(10)).toString())
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .endOwnerReference()
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
        .endStatus()
        .build();
  }
}
