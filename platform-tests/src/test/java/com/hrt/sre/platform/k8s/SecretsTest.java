package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No default passwords: the manifests hold no Secret at all, only references to the two Secrets
 * that `make bootstrap` (or Terraform) generates; names and keys are a contract with them.
 */
class SecretsTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void noSecretIsRendered(String overlay) {
    assertThat(Manifests.of(overlay).all(Secret.class)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void workloadsReferenceOnlyTheGeneratedSecrets(String overlay) {
    List<String> references =
        Manifests.of(overlay).workloads().stream()
            .flatMap(
                w ->
                    w.containers().stream()
                        .flatMap(
                            c ->
                                c.getEnv() == null
                                    ? java.util.stream.Stream.empty()
                                    : c.getEnv().stream())
                        .map(EnvVar::getValueFrom)
                        .filter(Objects::nonNull)
                        .map(v -> v.getSecretKeyRef())
                        .filter(Objects::nonNull)
                        .map(ref -> w.namespace() + "/" + ref.getName() + "#" + ref.getKey()))
            .distinct()
            .toList();

    assertThat(references)
        .containsExactlyInAnyOrder(
            "portal/portal-admin#token",
            "hrt-sre/grafana-admin#admin-user",
            "hrt-sre/grafana-admin#admin-password");
  }
}
