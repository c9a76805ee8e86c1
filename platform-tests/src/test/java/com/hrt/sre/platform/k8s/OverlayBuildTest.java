package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay builds with kubectl kustomize, and every object in it is a valid API object. */
class OverlayBuildTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @Test
  void theDemoAndCiOverlaysExist() {
    assertThat(Kustomize.overlays()).contains("dev", "ci", "dev-registry");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void overlayBuildsAndRendersEveryPart(String overlay) {
    Manifests manifests = Manifests.of(overlay);

    assertThat(manifests.workloads())
        .extracting(Manifests.Workload::name)
        .contains(
            "portal",
            "load-generator",
            "mock-slack",
            "batch-sync",
            "auto-healer",
            "prometheus",
            "alertmanager",
            "pushgateway",
            "kube-state-metrics",
            "grafana");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyObjectIsAKnownApiTypeWithOnlyKnownFields(String overlay) {
    Manifests manifests = Manifests.of(overlay);

    assertThat(manifests.raw)
        .allSatisfy(
            object ->
                assertThat(StrictModel.violations(object))
                    .as(
                        "%s %s",
                        object.get("kind"), ((Map<?, ?>) object.get("metadata")).get("name"))
                    .isEmpty());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyNamespacedObjectIsInOneOfThePlaygroundNamespaces(String overlay) {
    List<HasMetadata> namespaced =
        Manifests.of(overlay).objects().stream()
            .filter(o -> o.getMetadata().getNamespace() != null)
            .toList();

    assertThat(namespaced)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isIn("portal", "hrt-sre"));
  }

  @Test
  void aMisspelledFieldIsReportedWithItsPath() {
    Manifests broken =
        Manifests.parse(
            "fixture",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x, namespace: portal}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: x
                      image: x:1
                      securityContext: {readOnlyRootFileSystem: true}
            """);

    assertThat(StrictModel.violations(broken.raw.get(0)))
        .singleElement()
        .asString()
        .contains("containers[0].securityContext")
        .contains("readOnlyRootFileSystem");
  }

  @Test
  void aValueOfTheWrongTypeIsReported() {
    Manifests broken =
        Manifests.parse(
            "fixture",
            """
            apiVersion: v1
            kind: Service
            metadata: {name: x, namespace: portal}
            spec:
              ports:
                - port: {number: 80}
            """);

    assertThat(StrictModel.violations(broken.raw.get(0))).isNotEmpty();
  }

  @Test
  void anUnknownKindIsReported() {
    Manifests broken =
        Manifests.parse(
            "fixture",
            """
            apiVersion: apps/v1
            kind: Deploymnet
            metadata: {name: x, namespace: portal}
            """);

    assertThat(StrictModel.violations(broken.raw.get(0)))
        .singleElement()
        .asString()
        .contains("not a known API type");
  }
}
