package com.hrt.sre.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.gitops.config.GitopsProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KustomizeRendererTest {

  private final KustomizeRenderer renderer =
      new KustomizeRenderer(
          new GitopsProperties(
              ".",
              "main",
              ".",
              Duration.ofSeconds(1),
              Path.of("/tmp/w"),
              "kubectl",
              List.of(),
              "m",
              "o",
              List.of("portal"),
              false,
              true,
              Duration.ofSeconds(30)));

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
  void kubectlsLogPrefixIsDroppedFromErrors() {
    assertThat(
            KustomizeRenderer.withoutLogPrefix(
                "E1128 15:43:35.645659   23362 run.go:72] \"command failed\" err=\"missing file\"\n"))
        .isEqualTo("\"command failed\" err=\"missing file\"");
  }
}
