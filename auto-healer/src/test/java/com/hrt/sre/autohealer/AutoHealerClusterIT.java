package com.hrt.sre.autohealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.autohealer.config.KubernetesClients;
import com.hrt.sre.autohealer.heal.HealEvents;
import com.hrt.sre.autohealer.workload.WorkloadApi;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The healer against a real Kubernetes (k3s in Docker): a Deployment whose container exits non-zero
 * crash-loops, one healer run rolls out a restart, and the Deployment controller answers with a new
 * ReplicaSet. Needs Docker and a registry (the k3s and busybox images), so it runs only with {@code
 * ./mvnw -pl auto-healer verify -Pcluster-tests} (DESIGN.md), never in the default tests.
 */
@Testcontainers(disabledWithoutDocker = true)
class AutoHealerClusterIT {

  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  static KubernetesClient client;

  @BeforeAll
  static void connect() {
    client =
        KubernetesClients.create(
            Config.fromKubeconfig(K3S.getKubeConfigYaml()), TestSettings.settings().api());
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("portal").endMetadata().build())
        .create();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void aCrashLoopingDeploymentGetsANewReplicaSet() {
    client.apps().deployments().inNamespace("portal").resource(crashingDeployment()).create();
    await("a pod of the crashing Deployment restarting twice")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> maxRestarts() >= 2);

    int exit =
        AutoHealerApplication.run(
            new String[] {"--RESTART_THRESHOLD=2", "--WATCH_NAMESPACES=portal"},
            context -> context.getBeanFactory().registerSingleton("kubernetesClient", client));

    assertThat(exit).isZero();
    Deployment crasher =
        client.apps().deployments().inNamespace("portal").withName("crasher").get();
    assertThat(crasher.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
    await("a second ReplicaSet rolled out by the restart")
        .atMost(Duration.ofMinutes(1))
        .until(() -> replicaSetsOf(crasher) >= 2);
    assertThat(client.v1().events().inNamespace("portal").list().getItems())
        .anyMatch(event -> HealEvents.HEALED.equals(event.getReason()));
  }

  private static int maxRestarts() {
    return client
        .pods()
        .inNamespace("portal")
        .withLabel("app.kubernetes.io/name", "crasher")
        .list()
        .getItems()
        .stream()
        .map(Pod::getStatus)
        .filter(status -> status != null && status.getContainerStatuses() != null)
        .flatMap(status -> status.getContainerStatuses().stream())
        .mapToInt(ContainerStatus::getRestartCount)
        .max()
        .orElse(0);
  }

  private static long replicaSetsOf(Deployment deployment) {
    return client.apps().replicaSets().inNamespace("portal").list().getItems().stream()
        .map(ReplicaSet::getMetadata)
        .filter(
            metadata ->
                metadata.getOwnerReferences().stream()
                    .anyMatch(owner -> owner.getUid().equals(deployment.getMetadata().getUid())))
        .count();
  }

  private static Deployment crashingDeployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("crasher")
        .withNamespace("portal")
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(Map.of("app.kubernetes.io/name", "crasher"))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app.kubernetes.io/name", "crasher"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("busybox:1.36")
        .withCommand("sh", "-c", "echo starting; sleep 1; exit 1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
