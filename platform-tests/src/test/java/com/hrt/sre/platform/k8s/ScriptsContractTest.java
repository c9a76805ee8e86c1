package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo scripts cannot run here (no cluster), but the names they rely on can be checked: the
 * Deployments bootstrap waits for and the modules it builds are exactly what the overlay deploys.
 */
class ScriptsContractTest {

  @Test
  void bootstrapWaitsForEveryDeploymentTheDevOverlayDeploysAndNoOther() throws IOException {
    List<String> rendered =
        Manifests.of("dev").all(Deployment.class).stream()
            .map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName())
            .toList();

    assertThat(bashArray("DEPLOYMENTS")).containsExactlyInAnyOrderElementsOf(rendered);
  }

  @Test
  void bootstrapBuildsExactlyTheModulesWhoseImagesTheOverlaysUse() throws IOException {
    assertThat(bashArray("MODULES"))
        .containsExactlyInAnyOrderElementsOf(ImagePolicyTest.OUR_MODULES);
  }

  @Test
  void theLocalRegistryComponentUsesTheRegistryBootstrapCreates() throws IOException {
    String lib = Files.readString(RepoFiles.resolve("scripts/cluster-lib.sh"));
    String component =
        Files.readString(RepoFiles.resolve("k8s/components/local-registry/kustomization.yaml"));

    assertThat(lib)
        .contains("REGISTRY_NAME=\"hrt-registry.localhost\"")
        .contains("REGISTRY_PORT:-5111");
    assertThat(component).contains("newName: k3d-hrt-registry.localhost:5111/hrt-sre/portal");
  }

  /** The words of a bash array assignment NAME=( ... ) in scripts/cluster-lib.sh. */
  private static List<String> bashArray(String name) throws IOException {
    String lib = Files.readString(RepoFiles.resolve("scripts/cluster-lib.sh"));
    Matcher m = Pattern.compile("(?m)^" + name + "=\\(([^)]*)\\)").matcher(lib);
    assertThat(m.find()).as("%s=( ... ) in cluster-lib.sh", name).isTrue();
    return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
  }
}
