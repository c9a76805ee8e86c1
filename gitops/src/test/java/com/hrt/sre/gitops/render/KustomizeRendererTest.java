package com.hrt.sre.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.gitops.config.TestProperties;
import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeRendererTest {

  private final KustomizeRenderer renderer =
      new KustomizeRenderer(TestProperties.defaults().build());

  @Test
  void everyDocumentBecomesAnObjectTypedWhereTheKindIsKnown() {
    var objects =
        renderer.parse(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            """);

    assertThat(objects).hasSize(2);
    assertThat(objects.get(0)).isInstanceOf(ConfigMap.class);
    assertThat(objects.get(1)).isInstanceOf(GenericKubernetesResource.class);
  }

  @Test
  void aWronglyTypedFieldIsARenderError() {
    assertThatThrownBy(
            () ->
                renderer.parse(
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: two\n"))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("do not parse");
  }

  @Test
  void aMissingKubectlIsAToolFailureNotTheCommits(@TempDir Path overlay) {
    KustomizeRenderer withoutKubectl =
        new KustomizeRenderer(
            TestProperties.defaults()
                .kubectl(overlay.resolve("no-such-kubectl").toString())
                .build());

    assertThatThrownBy(() -> withoutKubectl.render(overlay))
        .isInstanceOf(RenderToolException.class)
        .hasMessageContaining("cannot run");
  }

  @Test
  void anOverlayKustomizeRejectsIsTheCommitsFault(@TempDir Path overlay) throws Exception {
    Path kubectl = ExternalTool.require("kubectl with kustomize (TOOLCHAIN.md)", "kubectl");
    Files.writeString(overlay.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
    KustomizeRenderer real =
        new KustomizeRenderer(TestProperties.defaults().kubectl(kubectl.toString()).build());

    assertThatThrownBy(() -> real.render(overlay))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("missing.yaml");
  }

  @Test
  void kubectlsLogPrefixIsDroppedFromErrors() {
    assertThat(
            KustomizeRenderer.withoutLogPrefix(
                "E1128 15:43:35.645659   23362 run.go:72] \"command failed\" err=\"missing file\"\n"))
        .isEqualTo("\"command failed\" err=\"missing file\"");
  }
}
