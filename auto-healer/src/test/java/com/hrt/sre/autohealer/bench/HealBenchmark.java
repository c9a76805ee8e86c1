package com.hrt.sre.autohealer.bench;

import com.hrt.sre.autohealer.AutoHealerApplication;
import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.PodPages;
import com.hrt.sre.autohealer.TestSettings;
import com.hrt.sre.testsupport.Kubeconfig;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;

/**
 * bench/auto-healer.sh's driver, over N pods in scope of which 50 crash-loop across 10 Deployments,
 * served by the fabric8 mock API server. Two modes:
 *
 * <ul>
 *   <li>{@code HealBenchmark N}: one healer run in this JVM, from the job's start (Spring context
 *       included) to its exit code; prints the API requests the run made and its wall time. Run
 *       once per JVM, so every number is a cold start like the CronJob's.
 *   <li>{@code HealBenchmark serve N KUBECONFIG}: only the API server, for a healer started as its
 *       own process (the image's jar, as the CronJob runs it, JVM start included): the pods'
 *       restarts are relative to the real clock, the list is fetched once to warm the server up,
 *       then a kubeconfig for it is written to KUBECONFIG and the server answers until the process
 *       is stopped. One server per healer run: a run's patches would put the next one in cooldown.
 *       scripts/train-aot-cache.sh trains the image's AOT cache through a run against it (1,000
 *       pods), as bench/auto-healer.sh trains its own.
 * </ul>
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
    if (args[0].equals("serve")) {
      serve(Integer.parseInt(args[1]), Path.of(args[2]));
    } else {
      runInProcess(Integer.parseInt(args[0]));
    }
  }

  private static void runInProcess(int pods) throws Exception {
    KubernetesMockServer server = startServer();
    try (KubernetesClient client = server.createClient()) {
      servePods(server, podList(client, pods, ClusterFixture.NOW));
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

  private static void serve(int pods, Path kubeconfig) throws Exception {
    KubernetesMockServer server = startServer();
    KubernetesClient client = server.createClient();
    servePods(server, podList(client, pods, Instant.now()));
    // Warm-up: the first requests of a cold mock server are slow; a real API server is warm.
    String next = null;
    do {
      next =
          client
              .pods()
              .inNamespace("portal")
              .list(
                  new ListOptionsBuilder()
                      .withLimit((long) TestSettings.settings().api().pageSize())
                      .withContinue(next)
                      .build())
              .getMetadata()
              .getContinue();
    } while (next != null);
    // Written beside, then moved: the benchmark starts the healer once the file exists.
    Path written =
        Kubeconfig.write(
            kubeconfig.resolveSibling(kubeconfig.getFileName() + ".tmp"), server.url("/"), "bench");
    Files.move(written, kubeconfig, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("SERVING " + server.url("/") + " pods=" + pods);
    new CountDownLatch(1).await(); // until the benchmark stops this process
  }

  private static KubernetesMockServer startServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  private static void servePods(KubernetesMockServer server, List<Pod> pods) {
    PodPages.serve(
        server, "/api/v1/namespaces/portal/pods", pods, TestSettings.settings().api().pageSize());
  }

  /**
   * 10 Deployments with 5 crash-looping pods each (the last restart 20 s before {@code now}); the
   * rest healthy pods of another workload.
   */
  private static List<Pod> podList(KubernetesClient client, int total, Instant now) {
    ClusterFixture cluster = new ClusterFixture(client);
    List<Pod> pods = new ArrayList<>(total);
    for (int d = 0; d < UNHEALTHY_DEPLOYMENTS; d++) {
      ReplicaSet rs = cluster.deployment("portal", "crashing-" + d);
      for (int p = 0; p < UNHEALTHY_PODS_EACH; p++) {
        pods.add(
            pod(
                rs,
                "crashing-" + d + "-7d9f8c6b5-" + p,
                ClusterFixture.crashLooping(4 + d, now.minusSeconds(20)),
                now));
      }
    }
    ReplicaSet healthyOwner = cluster.deployment("portal", "steady");
    for (int i = pods.size(); i < total; i++) {
      pods.add(pod(healthyOwner, "steady-7d9f8c6b5-" + i, ClusterFixture.healthy(), now));
    }
    return pods;
  }

  private static Pod pod(
      ReplicaSet owner,
      String name,
      io.fabric8.kubernetes.api.model.ContainerStatus status,
      Instant now) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("portal")
        .withName(name)
        .withUid(name)
        .withCreationTimestamp(now.minus(Duration.ofMinutes(10)).toString())
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
