package com.hrt.sre.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.hrt.sre.gitops.config.GitopsProperties;
import com.hrt.sre.gitops.config.TestProperties;
import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped allow-list of cluster-scoped objects ({@code GITOPS_CLUSTER_SCOPED}'s default) is
 * derived from this repository's overlays: exactly the cluster-scoped objects they render (with the
 * watcher's own component added), no more, so that the watcher syncs every overlay and nothing else
 * cluster-wide.
 */
class ClusterScopedAllowListTest {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  private static GitopsProperties shipped;
  private static List<Path> overlays;

  @BeforeAll
  static void overlaysOfTheRepository() throws IOException {
    Path kubectl = ExternalTool.require("kubectl with kustomize (TOOLCHAIN.md)", "kubectl");
    shipped = TestProperties.defaults().kubectl(kubectl.toString()).build();
    overlays = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(REPOSITORY.resolve("k8s/overlays"))) {
      dirs.filter(Files::isDirectory).sorted().forEach(overlays::add);
    }
    // The watcher's own component, as its README adds it to an overlay.
    Path withWatcher = Files.createDirectories(Path.of("target/dev-with-gitops-watcher"));
    Files.writeString(
        withWatcher.resolve("kustomization.yaml"),
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../../k8s/overlays/dev
        components:
          - ../../../k8s/components/gitops-watcher
        """);
    overlays.add(withWatcher);
  }

  @Test
  void theAllowListIsExactlyTheClusterScopedObjectsTheOverlaysRender() {
    KustomizeRenderer renderer = new KustomizeRenderer(shipped);
    Set<String> rendered = new TreeSet<>();
    for (Path overlay : overlays) {
      renderer.render(overlay).stream()
          .filter(ManifestValidator::isClusterScoped)
          .map(ManifestValidator::clusterScopedKey)
          .forEach(rendered::add);
    }

    assertThat(rendered)
        .contains("namespace/portal", "clusterrole.rbac.authorization.k8s.io/auto-healer");
    assertThat(new TreeSet<>(shipped.clusterScoped())).isEqualTo(rendered);
  }

  @Test
  void everyOverlayPassesTheValidatorWithTheShippedSettings() {
    KustomizeRenderer renderer = new KustomizeRenderer(shipped);
    ManifestValidator validator = new ManifestValidator(shipped);

    for (Path overlay : overlays) {
      List<HasMetadata> objects = renderer.render(overlay);
      assertThatCode(() -> validator.validate(objects))
          .as(overlay.toString())
          .doesNotThrowAnyException();
    }
  }
}
