package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workload, ours and third-party, passes the Pod Security Standard "restricted" and runs with
 * a read-only root filesystem, and both namespaces enforce that standard.
 */
class PodSecurityTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void bothNamespacesEnforceTheRestrictedStandard(String overlay) {
    List<Namespace> namespaces = Manifests.of(overlay).all(Namespace.class);

    assertThat(namespaces)
        .extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder("portal", "hrt-sre");
    assertThat(namespaces)
        .allSatisfy(
            n ->
                assertThat(n.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void podsRunAsNonRootWithTheRuntimeDefaultSeccompProfileAndNoHostAccess(String overlay) {
    assertThat(Manifests.of(overlay).workloads())
        .allSatisfy(
            workload -> {
              PodSpec pod = workload.template().getSpec();
              PodSecurityContext context = pod.getSecurityContext();
              assertThat(context).as("%s pod securityContext", workload).isNotNull();
              assertThat(context.getRunAsNonRoot()).as("%s runAsNonRoot", workload).isTrue();
              assertThat(context.getRunAsUser())
                  .as("%s runAsUser", workload)
                  .isNotNull()
                  .isPositive();
              assertThat(context.getSeccompProfile().getType())
                  .as("%s seccomp", workload)
                  .isEqualTo("RuntimeDefault");
              assertThat(pod.getHostNetwork()).as("%s hostNetwork", workload).isNotEqualTo(true);
              assertThat(pod.getHostPID()).as("%s hostPID", workload).isNotEqualTo(true);
              assertThat(pod.getHostIPC()).as("%s hostIPC", workload).isNotEqualTo(true);
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void containersDropAllCapabilitiesNeverEscalateAndHaveAReadOnlyRoot(String overlay) {
    for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
      for (Container container : workload.containers()) {
        String what = workload + " container " + container.getName();
        SecurityContext context = container.getSecurityContext();
        assertThat(context).as(what).isNotNull();
        assertThat(context.getAllowPrivilegeEscalation()).as(what + " escalation").isFalse();
        assertThat(context.getPrivileged()).as(what + " privileged").isNotEqualTo(true);
        assertThat(context.getReadOnlyRootFilesystem()).as(what + " read-only root").isTrue();
        assertThat(context.getCapabilities().getDrop()).as(what + " drop").containsExactly("ALL");
        assertThat(Optional.ofNullable(context.getCapabilities().getAdd()).orElse(List.of()))
            .as(what + " add")
            .isEmpty();
        assertThat(Optional.ofNullable(context.getRunAsUser()))
            .as(what + " runAsUser (the pod's when unset)")
            .isNotEqualTo(Optional.of(0L));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void podsUseOnlyVolumeTypesTheRestrictedStandardAllows(String overlay) {
    for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
      List<Volume> volumes =
          Optional.ofNullable(workload.template().getSpec().getVolumes()).orElse(List.of());
      assertThat(volumes)
          .as("%s volumes", workload)
          .allSatisfy(
              v ->
                  assertThat(
                          v.getConfigMap() != null
                              || v.getEmptyDir() != null
                              || v.getSecret() != null
                              || v.getProjected() != null
                              || v.getDownwardAPI() != null)
                      .as("volume %s", v.getName())
                      .isTrue());
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyWritablePathIsAnExplicitEmptyDirWithASizeLimit(String overlay) {
    for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
      List<Volume> volumes =
          Optional.ofNullable(workload.template().getSpec().getVolumes()).orElse(List.of());
      for (Volume volume : volumes) {
        if (volume.getEmptyDir() != null) {
          assertThat(volume.getEmptyDir().getSizeLimit())
              .as("%s emptyDir %s sizeLimit", workload, volume.getName())
              .isNotNull();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void ourJavaServicesGetAWritableTmpForTheJvm(String overlay) {
    assertThat(Manifests.of(overlay).workloads())
        .filteredOn(w -> ImagePolicyTest.isOurs(w.containers().get(0).getImage()))
        .hasSize(5)
        .allSatisfy(
            w ->
                assertThat(w.containers().get(0).getVolumeMounts())
                    .as("%s mounts", w)
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp")));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void onlyTheKubernetesApiClientsGetAServiceAccountToken(String overlay) {
    assertThat(Manifests.of(overlay).workloads())
        .filteredOn(
            w -> !Boolean.FALSE.equals(w.template().getSpec().getAutomountServiceAccountToken()))
        .extracting(Manifests.Workload::name)
        .containsExactlyInAnyOrder("auto-healer", "prometheus", "kube-state-metrics");
  }
}
