package com.hrt.sre.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hrt.sre.gitops.config.TestProperties;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

  private final ManifestValidator validator =
      new ManifestValidator(TestProperties.defaults().build());

  @Test
  void objectsInTheWatchedNamespacesAndClusterScopedObjectsPass() {
    assertThatCode(
            () ->
                validator.validate(
                    List.of(
                        new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("portal")
                            .endMetadata()
                            .build(),
                        configMap("settings", "portal"),
                        configMap("settings", "hrt-sre"))))
        .doesNotThrowAnyException();
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    InvalidManifestsException e =
        catchThrowableOfType(
            InvalidManifestsException.class,
            () ->
                validator.validate(
                    List.of(
                        configMap("Bad_Name", "portal"),
                        configMap("fine", "kube-system"),
                        configMap("no-namespace", null))));

    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems().get(0)).contains("Bad_Name").contains("DNS-1123");
    assertThat(e.problems().get(1)).contains("kube-system").contains("outside");
    assertThat(e.problems().get(2)).contains("needs metadata.namespace");
  }

  @Test
  void theSameObjectTwiceIsRejected() {
    InvalidManifestsException e =
        catchThrowableOfType(
            InvalidManifestsException.class,
            () -> validator.validate(List.of(configMap("a", "portal"), configMap("a", "portal"))));

    assertThat(e.problems()).singleElement().asString().contains("appears twice");
  }

  @Test
  void anEmptyRenderIsRejectedSoPruneCannotDeleteEverything() {
    InvalidManifestsException e =
        catchThrowableOfType(InvalidManifestsException.class, () -> validator.validate(List.of()));

    assertThat(e.problems()).singleElement().asString().contains("empty");
  }

  private static HasMetadata configMap(String name, String namespace) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .build();
  }
}
