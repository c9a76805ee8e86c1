package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.platform.kubeapi.Fixtures;
import com.hrt.sre.platform.kubeapi.KubeApiDouble;
import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names the demo scripts rely on: the Deployments bootstrap waits for (its wait_for_rollouts
 * run with the real kubectl against {@link KubeApiDouble} holding the dev overlay's Deployments,
 * rolled out) and the modules it builds are exactly what the overlay deploys.
 */
class ScriptsContractTest {

  @Test
  void bootstrapWaitsForEveryDeploymentTheDevOverlayDeploysAndNoOther(@TempDir Path dir)
      throws IOException {
    List<String> rendered =
        Manifests.of("dev").all(Deployment.class).stream()
            .map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName())
            .toList();
    ExternalTool.require("kubectl, see TOOLCHAIN.md", "kubectl");
    try (KubeApiDouble api = new KubeApiDouble()) {
      Fixtures.namespaces(api, "portal", "hrt-sre");
      for (Map<String, Object> deployment : Manifests.of("dev").raw) {
        if ("Deployment".equals(deployment.get("kind"))) {
          api.put(rolledOut(deployment));
        }
      }
      Path script = dir.resolve("wait.sh");
      Files.writeString(
          script,
          "#!/usr/bin/env bash\nset -euo pipefail\nsource '"
              + RepoFiles.resolve("scripts/cluster-lib.sh")
              + "'\nwait_for_rollouts\n");
      script.toFile().setExecutable(true);

      Commands.Result waited =
          Commands.run(
              List.of(
                  "env",
                  "KUBECONFIG=" + api.kubeconfig(dir, "k3d-double"),
                  "HOME=" + dir,
                  "CLUSTER=double",
                  script.toString()),
              dir,
              Duration.ofSeconds(120));

      assertThat(waited.exitCode()).as(waited.output()).isZero();
      List<String> waitedFor =
          api.requests().stream()
              .map(
                  r ->
                      r.replaceFirst(
                          "^GET /apis/apps/v1/namespaces/([^/]+)/deployments/?.*name%3D([^&]+).*$",
                          "$1/$2"))
              .filter(r -> !r.startsWith("GET") && !r.startsWith("POST"))
              .distinct()
              .toList();
      assertThat(waitedFor).containsExactlyInAnyOrderElementsOf(rendered);
    }
    assertThat(bashArray("DEPLOYMENTS")).containsExactlyInAnyOrderElementsOf(rendered);
  }

  /** The rendered Deployment with the status of a finished rollout, as JSON. */
  @SuppressWarnings("unchecked")
  private static String rolledOut(Map<String, Object> rendered) {
    Map<String, Object> deployment = new java.util.LinkedHashMap<>(rendered);
    Map<String, Object> metadata =
        new java.util.LinkedHashMap<>((Map<String, Object>) deployment.get("metadata"));
    metadata.put("generation", 1);
    deployment.put("metadata", metadata);
    Object replicas = ((Map<String, Object>) deployment.get("spec")).getOrDefault("replicas", 1);
    deployment.put(
        "status",
        Map.of(
            "observedGeneration", 1,
            "replicas", replicas,
            "updatedReplicas", replicas,
            "readyReplicas", replicas,
            "availableReplicas", replicas));
    return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(deployment);
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
