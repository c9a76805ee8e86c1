package com.hrt.sre.autohealer.run;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static com.hrt.sre.autohealer.ClusterFixture.crashLooping;
import static com.hrt.sre.autohealer.ClusterFixture.healthy;
import static com.hrt.sre.autohealer.ClusterFixture.runningAfterRestarts;
import static com.hrt.sre.autohealer.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.RecordedRequests;
import com.hrt.sre.autohealer.TestSettings;
import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.report.RunReport;
import com.hrt.sre.autohealer.report.WorkloadOutcome;
import com.hrt.sre.autohealer.workload.HealHistory;
import com.hrt.sre.autohealer.workload.WorkloadApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of issue 5, each against the fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class HealRunTest {

  KubernetesMockServer server;
  KubernetesClient client;
  ClusterFixture cluster;

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(client);
  }

  @Test
  void recentRestartsOverThresholdRollOutOneRestartOfTheOwningDeployment() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));

    RunReport report = run(settings());

    assertThat(report.outcomes())
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.RESTARTED);
    Deployment portal = deployment("portal");
    assertThat(portal.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(WorkloadApi.RESTARTED_AT_ANNOTATION, "2026-11-28T12:00:00Z");
    assertThat(portal.getMetadata().getAnnotations())
        .containsEntry(HealHistory.HISTORY_ANNOTATION, "2026-11-28T12:00:00Z");
    assertThat(events("portal"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getReason()).isEqualTo("AutoHealed");
              assertThat(event.getType()).isEqualTo("Normal");
              assertThat(event.getInvolvedObject().getKind()).isEqualTo("Deployment");
              assertThat(event.getInvolvedObject().getName()).isEqualTo("portal");
              assertThat(event.getInvolvedObject().getUid())
                  .isEqualTo(portal.getMetadata().getUid());
              assertThat(event.getMessage()).contains("portal-7d9f8c6b5-a1=5", "CrashLoopBackOff");
            });
  }

  @Test
  void restartsWithinTheWindowCountWithoutCrashLoopBackOff() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    cluster.pod(
        "portal", "portal-7d9f8c6b5-a1", rs, runningAfterRestarts(4, Duration.ofMinutes(5)));

    assertThat(run(settings()).outcomes())
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.RESTARTED);
  }

  @Test
  void twoUnhealthyPodsOfOneDeploymentGiveOneRestart() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));
    cluster.pod("portal", "portal-7d9f8c6b5-b2", rs, crashLooping(7));
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.outcomes()).singleElement().satisfies(o -> assertThat(o.pods()).hasSize(2));
    assertThat(RecordedRequests.writes(RecordedRequests.drain(server)))
        .containsExactly(
            "PATCH /apis/apps/v1/namespaces/portal/deployments/portal",
            "POST /api/v1/namespaces/portal/events");
  }

  @Test
  void oldRestartsOfANowStablePodDoNothing() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    cluster.pod(
        "portal", "portal-7d9f8c6b5-a1", rs, runningAfterRestarts(9, Duration.ofMinutes(40)));
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.unhealthyPods()).isZero();
    assertThat(report.outcomes()).isEmpty();
    assertThat(RecordedRequests.writes(RecordedRequests.drain(server))).isEmpty();
  }

  @Test
  void crashLoopBackOffWithFewerRestartsThanTheThresholdDoesNothing() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(2));

    RunReport report = run(settings());

    assertThat(report.unhealthyPods()).isZero();
    assertThat(deployment("portal").getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
  }

  @Test
  void optedOutWorkloadIsNotRestarted() {
    ReplicaSet rs =
        cluster.deployment("portal", "portal", Map.of(HealHistory.OPT_OUT_ANNOTATION, "false"));
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.outcomes())
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.SKIPPED_OPT_OUT);
    assertThat(RecordedRequests.writes(RecordedRequests.drain(server))).isEmpty();
  }

  @Test
  void pausedDeploymentIsSkippedWithItsReasonAndNotWritten() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    client
        .apps()
        .deployments()
        .inNamespace("portal")
        .withName("portal")
        .edit(d -> new DeploymentBuilder(d).editSpec().withPaused(true).endSpec().build());
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.action()).isEqualTo(Action.SKIPPED_PAUSED);
              assertThat(o.action().label()).isEqualTo("skipped_paused");
              assertThat(o.reason()).contains("paused");
            });
    assertThat(report.hasFailures()).isFalse();
    assertThat(report.summary()).anyMatch(line -> line.contains("skipped_paused"));
    assertThat(RecordedRequests.writes(RecordedRequests.drain(server))).isEmpty();
  }

  @Test
  void workloadHealedWithinTheCooldownIsNotRestartedAgain() {
    ReplicaSet rs =
        cluster.deployment(
            "portal",
            "portal",
            Map.of(HealHistory.HISTORY_ANNOTATION, NOW.minus(Duration.ofMinutes(4)).toString()));
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));

    RunReport report = run(settings());

    assertThat(report.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.action()).isEqualTo(Action.SKIPPED_COOLDOWN);
              assertThat(o.reason()).contains("healed 240s ago", "cooldown 600s");
            });
    assertThat(deployment("portal").getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
  }

  @Test
  void cooldownOverAndBudgetLeftRestartsAgainAndKeepsTheHistory() {
    String earlier = NOW.minus(Duration.ofMinutes(25)).toString();
    ReplicaSet rs =
        cluster.deployment("portal", "portal", Map.of(HealHistory.HISTORY_ANNOTATION, earlier));
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));

    assertThat(run(settings()).outcomes())
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.RESTARTED);
    assertThat(deployment("portal").getMetadata().getAnnotations())
        .containsEntry(HealHistory.HISTORY_ANNOTATION, earlier + ",2026-11-28T12:00:00Z");
  }

  @Test
  void tooManyHealsInTheLastHourGiveUpWithAnEventOncePerEpisode() {
    String history =
        String.join(
            ",",
            NOW.minus(Duration.ofMinutes(50)).toString(),
            NOW.minus(Duration.ofMinutes(35)).toString(),
            NOW.minus(Duration.ofMinutes(20)).toString());
    ReplicaSet rs =
        cluster.deployment("portal", "portal", Map.of(HealHistory.HISTORY_ANNOTATION, history));
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(12));

    RunReport first = run(settings());
    RunReport second = run(settings());

    assertThat(first.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.action()).isEqualTo(Action.GAVE_UP);
              assertThat(o.reason()).contains("3 heals in the last hour (max 3)");
            });
    assertThat(second.outcomes())
        .extracting(WorkloadOutcome::action)
        .as("the alert keeps seeing gave_up while the loop lasts")
        .containsExactly(Action.GAVE_UP);
    Deployment portal = deployment("portal");
    assertThat(portal.getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
    assertThat(portal.getMetadata().getAnnotations())
        .containsEntry(HealHistory.GAVE_UP_ANNOTATION, "2026-11-28T12:00:00Z");
    assertThat(events("portal"))
        .as("one AutoHealGaveUp Event for the episode, not one per run")
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getReason()).isEqualTo("AutoHealGaveUp");
              assertThat(event.getType()).isEqualTo("Warning");
              assertThat(event.getMessage()).contains("portal-7d9f8c6b5-a1=12");
            });
  }

  @Test
  void healsPerRunAreCappedWorstFirst() {
    for (int i = 1; i <= 3; i++) {
      ReplicaSet rs = cluster.deployment("portal", "app-" + i);
      cluster.pod("portal", "app-" + i + "-7d9f8c6b5-a1", rs, crashLooping(3 + i));
    }

    RunReport report = run(settings("autohealer.max-heals-per-run", "2"));

    assertThat(report.outcomes())
        .extracting(o -> o.workload().name() + ":" + o.action().label())
        .containsExactly("app-3:restarted", "app-2:restarted", "app-1:skipped_run_limit");
    assertThat(deployment("app-1").getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
  }

  @Test
  void dryRunDecidesTheSameButNoWriteRequestReachesTheServer() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    cluster.pod("portal", "portal-7d9f8c6b5-a1", rs, crashLooping(5));
    RecordedRequests.drain(server);

    RunReport report = run(settings("autohealer.dry-run", "true"));

    assertThat(report.outcomes())
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.DRY_RUN);
    assertThat(report.summary().get(0)).contains("DRY RUN");
    assertThat(RecordedRequests.writes(RecordedRequests.drain(server))).isEmpty();
  }

  @Test
  void podsOutsideTheWatchedNamespacesAreUntouched() {
    ReplicaSet rs = cluster.deployment("shop", "cart");
    cluster.pod("shop", "cart-7d9f8c6b5-a1", rs, crashLooping(9));
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.podsScanned()).isZero();
    assertThat(RecordedRequests.drain(server))
        .allSatisfy(request -> assertThat(request.getPath()).doesNotContain("/namespaces/shop"));
    assertThat(deployment("shop", "cart").getMetadata().getAnnotations())
        .doesNotContainKey(HealHistory.HISTORY_ANNOTATION);
  }

  @Test
  void allNamespacesExceptKubeSystemAndItsOwnWithStar() {
    for (String namespace : List.of("portal", "shop", "kube-system", "hrt-sre")) {
      ReplicaSet rs = cluster.deployment(namespace, "app");
      cluster.pod(namespace, "app-7d9f8c6b5-a1", rs, crashLooping(5));
    }

    RunReport report = run(settings("autohealer.watch-namespaces", "*"));

    assertThat(report.outcomes())
        .extracting(o -> o.workload().namespace())
        .containsExactlyInAnyOrder("portal", "shop");
    assertThat(deployment("kube-system", "app").getMetadata().getAnnotations())
        .doesNotContainKey(HealHistory.HISTORY_ANNOTATION);
  }

  @Test
  void labelSelectorLimitsThePodsLookedAt() {
    ReplicaSet portal = cluster.deployment("portal", "portal");
    cluster.pod("portal", "portal-7d9f8c6b5-a1", portal, crashLooping(5));
    ReplicaSet other = cluster.deployment("portal", "other");
    cluster.pod("portal", "other-7d9f8c6b5-a1", other, crashLooping(5));

    RunReport report = run(settings("autohealer.label-selector", "app.kubernetes.io/name=portal"));

    assertThat(report.podsScanned()).isEqualTo(1);
    assertThat(report.outcomes()).extracting(o -> o.workload().name()).containsExactly("portal");
  }

  @Test
  void barePodIsReportedAndSkipped() {
    cluster.pod("portal", "debug-shell-x-y", null, crashLooping(6));
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.outcomes()).isEmpty();
    assertThat(report.skippedPods()).containsValue("no controller (bare pod)");
    assertThat(report.summary()).anyMatch(line -> line.contains("debug-shell-x-y"));
    assertThat(RecordedRequests.writes(RecordedRequests.drain(server))).isEmpty();
  }

  @Test
  void statefulSetIsHealedDirectly() {
    StatefulSet db = cluster.statefulSet("portal", "db");
    cluster.pod("portal", "db-0", db, crashLooping(4));

    RunReport report = run(settings());

    assertThat(report.outcomes())
        .extracting(o -> o.workload().label() + ":" + o.action().label())
        .containsExactly("statefulset/db:restarted");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace("portal")
                .withName("db")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
  }

  @Test
  void daemonSetIsHealedDirectly() {
    cluster.pod("portal", "agent-x1", cluster.daemonSet("portal", "agent"), crashLooping(4));

    assertThat(run(settings()).outcomes())
        .extracting(o -> o.workload().label() + ":" + o.action().label())
        .containsExactly("daemonset/agent:restarted");
  }

  @Test
  void eachReplicaSetIsReadOncePerRun() {
    ReplicaSet rs = cluster.deployment("portal", "portal");
    for (int i = 0; i < 4; i++) {
      cluster.pod("portal", "portal-7d9f8c6b5-p" + i, rs, crashLooping(5));
    }
    cluster.pod("portal", "portal-7d9f8c6b5-ok", rs, healthy());
    RecordedRequests.drain(server);

    run(settings());

    assertThat(RecordedRequests.drain(server))
        .filteredOn(request -> request.getPath().contains("/replicasets/"))
        .hasSize(1);
  }

  private RunReport run(AutoHealerProperties settings) {
    KubernetesClient healer = TestSettings.healerClient(client, settings);
    return new HealRun(healer, settings, Clock.fixed(NOW, ZoneOffset.UTC), "test").run();
  }

  private Deployment deployment(String name) {
    return deployment("portal", name);
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }
}
