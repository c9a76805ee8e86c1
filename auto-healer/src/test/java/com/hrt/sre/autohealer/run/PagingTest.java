package com.hrt.sre.autohealer.run;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static com.hrt.sre.autohealer.ClusterFixture.crashLooping;
import static com.hrt.sre.autohealer.ClusterFixture.healthy;
import static com.hrt.sre.autohealer.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.PodPages;
import com.hrt.sre.autohealer.RecordedRequests;
import com.hrt.sre.autohealer.TestSettings;
import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.report.RunReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WATCH_NAMESPACES=* lists pods in pages (limit + continue). The pages are served as expectations
 * ({@link PodPages}); owners come from the mock server's CRUD store.
 */
@EnableKubernetesMockClient(crud = true)
class PagingTest {

  private static final int PAGE_SIZE = 10;

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void allNamespacesAreListedInPagesAndEveryPageIsSeen() {
    ClusterFixture cluster = new ClusterFixture(client);
    ReplicaSet portal = cluster.deployment("portal", "portal");
    ReplicaSet cart = cluster.deployment("shop", "cart");
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      pods.add(pod("portal", "portal-7d9f8c6b5-h" + i, portal, false));
    }
    pods.add(pod("kube-system", "coredns-x-y", null, false));
    pods.add(pod("shop", "cart-7d9f8c6b5-a1", cart, false));
    // The only crash-looping pod is on the last page: healed means the last page was read.
    pods.add(pod("portal", "portal-7d9f8c6b5-z9", portal, true));
    PodPages.serve(server, "/api/v1/pods", pods, PAGE_SIZE);
    RecordedRequests.drain(server);

    RunReport report =
        run(
            settings(
                "autohealer.watch-namespaces",
                "*",
                "autohealer.api.page-size",
                String.valueOf(PAGE_SIZE)));

    List<RecordedRequest> lists =
        RecordedRequests.drain(server).stream()
            .filter(r -> r.getPath().startsWith("/api/v1/pods"))
            .toList();
    assertThat(lists)
        .as("25 pods in pages of 10: three list requests, no more")
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getPath()).contains("limit=" + PAGE_SIZE));
    assertThat(lists.get(0).getPath()).doesNotContain("continue=");
    assertThat(lists.get(1).getPath()).contains("continue=page-2");
    assertThat(lists.get(2).getPath()).contains("continue=page-3");
    assertThat(report.podsScanned()).as("every pod in scope, kube-system left out").isEqualTo(24);
    assertThat(report.outcomes())
        .extracting(o -> o.workload() + ":" + o.action().label())
        .containsExactly("portal/deployment/portal:restarted");
  }

  private static Pod pod(String namespace, String name, ReplicaSet owner, boolean crashLooping) {
    return ClusterFixture.podObject(
        namespace,
        name,
        owner,
        crashLooping ? crashLooping(6) : healthy(),
        NOW.minus(Duration.ofMinutes(10)));
  }

  private RunReport run(AutoHealerProperties settings) {
    KubernetesClient healer = TestSettings.healerClient(client, settings);
    return new HealRun(healer, settings, Clock.fixed(NOW, ZoneOffset.UTC), "test").run();
  }
}
