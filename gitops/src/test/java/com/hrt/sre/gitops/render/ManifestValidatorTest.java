package com.hrt.sre.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hrt.sre.gitops.config.TestProperties;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
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

  @Test
  void aClusterScopedObjectOutsideTheAllowListIsRefused() {
    InvalidManifestsException e =
        catchThrowableOfType(
            InvalidManifestsException.class,
            () ->
                validator.validate(
                    List.of(
                        clusterRole("auto-healer"),
                        clusterAdminBinding("takeover", null),
                        new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("kube-system")
                            .endMetadata()
                            .build())));

    assertThat(e.problems())
        .as("the playground's own ClusterRole passes; a foreign binding and Namespace do not")
        .hasSize(2);
    assertThat(e.problems().get(0))
        .contains("clusterrolebinding.rbac.authorization.k8s.io/takeover")
        .contains("allow-list");
    assertThat(e.problems().get(1)).contains("namespace/kube-system").contains("allow-list");
  }

  @Test
  void aNamespaceOnAClusterScopedObjectDoesNotGetItPastTheAllowList() {
    InvalidManifestsException e =
        catchThrowableOfType(
            InvalidManifestsException.class,
            () -> validator.validate(List.of(clusterAdminBinding("takeover", "portal"))));

    assertThat(e.problems()).singleElement().asString().contains("allow-list");
  }

  @Test
  void aKindWhoseScopeIsUnknownIsRefused() {
    GenericKubernetesResource widget = new GenericKubernetesResource();
    widget.setApiVersion("example.com/v1");
    widget.setKind("Widget");
    widget.setMetadata(new ObjectMetaBuilder().withName("w").withNamespace("portal").build());

    InvalidManifestsException e =
        catchThrowableOfType(
            InvalidManifestsException.class, () -> validator.validate(List.of(widget)));

    assertThat(e.problems()).singleElement().asString().contains("Widget").contains("namespaced");
  }

  private static HasMetadata clusterRole(String name) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static HasMetadata clusterAdminBinding(String name, String namespace) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withRoleRef(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin"))
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName("default")
        .withNamespace("portal")
        .endSubject()
        .build();
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
