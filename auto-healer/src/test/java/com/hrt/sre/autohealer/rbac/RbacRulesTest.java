package com.hrt.sre.autohealer.rbac;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static com.hrt.sre.autohealer.ClusterFixture.crashLooping;
import static com.hrt.sre.autohealer.ClusterFixture.healthy;
import static com.hrt.sre.autohealer.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.RecordedRequests;
import com.hrt.sre.autohealer.TestSettings;
import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.report.RunReport;
import com.hrt.sre.autohealer.run.HealRunner;
import com.hrt.sre.autohealer.workload.HealHistory;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped RBAC manifest grants every request the healer makes, and nothing more than the
 * least-privilege set of issue 5. Every request the mock server receives during runs that exercise
 * every code path (restart of each workload kind, Events, give-up, bare pod) is checked against the
 * rules parsed from k8s/base/auto-healer-rbac.yaml — a new verb or resource in the code fails here.
 */
@EnableKubernetesMockClient(crud = true)
class RbacRulesTest {

  static final Path MANIFEST = Path.of("..", "k8s", "base", "auto-healer-rbac.yaml");

  KubernetesMockServer server;
  KubernetesClient client;
  RbacRules rules;

  @BeforeEach
  void loadRules() throws Exception {
    rules = RbacRules.load(MANIFEST, "hrt-sre", "auto-healer");
  }

  @Test
  void everyRequestOfEveryCodePathIsGranted() {
    ClusterFixture cluster = new ClusterFixture(client);
    ReplicaSet portal = cluster.deployment("portal", "portal");
    cluster.pod("portal", "portal-7d9f8c6b5-a1", portal, crashLooping(5));
    cluster.pod("portal", "portal-7d9f8c6b5-b2", portal, healthy());
    cluster.pod("portal", "db-0", cluster.statefulSet("portal", "db"), crashLooping(4));
    cluster.pod("portal", "agent-x1", cluster.daemonSet("portal", "agent"), crashLooping(4));
    String loop =
        String.join(
            ",",
            NOW.minus(Duration.ofMinutes(50)).toString(),
            NOW.minus(Duration.ofMinutes(30)).toString(),
            NOW.minus(Duration.ofMinutes(15)).toString());
    ReplicaSet looping =
        cluster.deployment("portal", "looping", Map.of(HealHistory.HISTORY_ANNOTATION, loop));
    cluster.pod("portal", "looping-7d9f8c6b5-a1", looping, crashLooping(20));
    cluster.pod("portal", "debug-x-y", null, crashLooping(5));
    RecordedRequests.drain(server);

    RunReport report = HealRunner.runOnce(healer(settings()), settings());

    assertThat(report.outcomes())
        .extracting(o -> o.action())
        .contains(Action.RESTARTED, Action.GAVE_UP);
    List<ApiRequest> requests =
        RecordedRequests.drain(server).stream()
            .map(r -> ApiRequest.of(r.getMethod(), r.getPath()))
            .toList();
    assertThat(requests).isNotEmpty();
    assertThat(requests)
        .as("requests the RBAC manifest does not grant")
        .filteredOn(request -> !rules.allows(request))
        .isEmpty();
  }

  @Test
  void aRequestOutsideTheRulesIsCaught() {
    assertThat(rules.allows(ApiRequest.of("DELETE", "/api/v1/namespaces/portal/pods/portal-1")))
        .isFalse();
    assertThat(rules.allows(ApiRequest.of("GET", "/apis/apps/v1/namespaces/portal/replicasets")))
        .as("replicasets: get only, no list")
        .isFalse();
    assertThat(rules.allows(ApiRequest.of("GET", "/api/v1/namespaces/shop/pods")))
        .as("only the namespace bound by a RoleBinding")
        .isFalse();
    assertThat(rules.allows(ApiRequest.of("GET", "/api/v1/pods")))
        .as("cluster-wide list needs a ClusterRoleBinding (WATCH_NAMESPACES=*)")
        .isFalse();
    assertThat(
            rules.allows(
                ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/portal/deployments/portal")))
        .isTrue();
  }

  @Test
  void theRulesAreExactlyTheLeastPrivilegeSet() {
    Map<String, String> granted =
        rules.rules().stream()
            .flatMap(
                rule ->
                    rule.getResources().stream()
                        .map(
                            resource ->
                                Map.entry(
                                    String.join(",", rule.getApiGroups()) + "/" + resource,
                                    String.join(",", rule.getVerbs()))))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(granted)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "/pods", "get,list",
                "apps/replicasets", "get",
                "apps/deployments", "get,patch",
                "apps/statefulsets", "get,patch",
                "apps/daemonsets", "get,patch",
                "/events", "create"));
    assertThat(rules.rules())
        .flatExtracting(PolicyRule::getVerbs)
        .doesNotContain("*", "delete", "update", "watch");
  }

  private KubernetesClient healer(AutoHealerProperties settings) {
    return TestSettings.healerClient(client, settings);
  }
}
