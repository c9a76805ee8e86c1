package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions of scripts/cluster-lib.sh that bootstrap, redeploy and load-images share, run in
 * bash with real git, kubectl (kustomize) and docker where they use them.
 */
class ClusterLibTest {

  @TempDir Path dir;

  @Test
  void theContentTagIsTheCommitAndChangesWithEveryUncommittedChange() throws IOException {
    ExternalTool.require("apt-get install -y git", "git");
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo);
    Files.writeString(repo.resolve("App.java"), "class App {}\n");
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "one");
    String commit = git(repo, "rev-parse", "--short=12", "HEAD").trim();

    String clean = lib("content_tag " + repo);
    Files.writeString(repo.resolve("App.java"), "class App { int a; }\n");
    String edited = lib("content_tag " + repo);
    Files.writeString(repo.resolve("App.java"), "class App { int b; }\n");
    String editedAgain = lib("content_tag " + repo);
    Files.writeString(repo.resolve("New.java"), "class New {}\n");
    String withNewFile = lib("content_tag " + repo);
    Files.delete(repo.resolve("New.java"));
    Files.writeString(repo.resolve("App.java"), "class App {}\n");

    assertThat(clean).isEqualTo(commit);
    assertThat(edited).startsWith(commit + "-").isNotEqualTo(clean);
    assertThat(editedAgain).startsWith(commit + "-").isNotEqualTo(edited);
    assertThat(withNewFile).isNotEqualTo(editedAgain);
    assertThat(lib("content_tag " + repo)).as("back to the commit").isEqualTo(commit);
    assertThat(edited).matches("[0-9a-f]{12}-[0-9a-f]{12}");
  }

  @Test
  void bootstrapDeploysTheContentTagWithTheOverlaysImageNames() {
    String registry = lib("render_tagged dev-registry 0123456789ab-feedfacecafe");
    String imported = lib("render_tagged dev 0123456789ab");

    for (String module : ImagePolicyTest.OUR_MODULES) {
      assertThat(registry)
          .contains(
              "image: k3d-hrt-registry.localhost:5111/hrt-sre/"
                  + module
                  + ":0123456789ab-feedfacecafe");
      assertThat(imported).contains("image: hrt-sre/" + module + ":0123456789ab");
    }
    assertThat(registry).doesNotContain(":dev\n");
    assertThat(imported).doesNotContain(":dev\n");
  }

  @Test
  void imagesAreBuiltForTheNodesArchitectureAsDockerReportsIt() {
    assertThat(lib("jib_architecture x86_64")).isEqualTo("amd64");
    assertThat(lib("jib_architecture aarch64")).isEqualTo("arm64");
    assertThat(lib("jib_architecture arm64")).isEqualTo("arm64");
    Commands.Result unknown = libResult("jib_architecture riscv64");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output()).contains("unsupported node architecture 'riscv64'");
    // The pom builds the platform the scripts pass (-Dimage.architecture), nothing fixed.
    assertThat(read("pom.xml"))
        .contains("<architecture>${image.architecture}</architecture>")
        .contains("<os>linux</os>");
    assertThat(read("scripts/cluster-lib.sh"))
        .contains("-Dimage.architecture=$arch")
        .contains("docker info --format '{{.Architecture}}'");
  }

  @Test
  void anOldBashIsStoppedFirstWithHowToGetANewOne() {
    Commands.Result old = libResult("require_bash 3 2");
    Commands.Result fine = libResult("require_bash 4 4 && echo fine");

    assertThat(old.exitCode()).isNotZero();
    assertThat(old.output())
        .contains("need bash 4.4 or newer; this is bash 3.2")
        .contains("brew install bash");
    assertThat(fine.output()).contains("fine");
    // The check runs before anything else in the library every cluster script sources.
    String lib = read("scripts/cluster-lib.sh");
    assertThat(lib.indexOf("require_bash \"${BASH_VERSINFO[0]}\""))
        .isPositive()
        .isLessThan(lib.indexOf("shopt -s inherit_errexit"))
        .isLessThan(lib.indexOf("MODULES=("));
  }

  @Test
  void toolVersionsBelowTheMinimumStopBootstrapNamingTheMinimum() {
    Commands.Result old = libResult("require_version k3d 5.5.2 \"$MIN_K3D\" https://k3d.io");
    Commands.Result newer = libResult("require_version kubectl 1.32.4 \"$MIN_KUBECTL\" x");
    Commands.Result unknown = libResult("require_version 'Docker engine' '' \"$MIN_DOCKER\" x");

    assertThat(old.exitCode()).isNotZero();
    assertThat(old.output()).contains("k3d 5.5.2 is too old: SRE Playground needs 5.6.0 or newer");
    assertThat(newer.exitCode()).as(newer.output()).isZero();
    assertThat(newer.output()).contains("kubectl 1.32.4 (>= 1.29.0)");
    assertThat(unknown.exitCode()).as("a development build's version cannot be told").isZero();
    assertThat(unknown.output())
        .contains("could not read its version")
        .contains("needs 20.10.0 or newer");
    assertThat(lib("version_at_least 5.10.0 5.6.0 && echo yes")).isEqualTo("yes");
    assertThat(lib("version_at_least 1.9 1.29 || echo no")).isEqualTo("no");
    String bootstrap = read("scripts/bootstrap.sh");
    assertThat(bootstrap)
        .contains("require_version k3d")
        .contains("require_version kubectl")
        .contains("require_version \"Docker engine\"");
  }

  @Test
  void theClusterRunsAPinnedK3sBehindALoadBalancerOnLoopbackOnly() {
    assertThat(lib("echo \"$K3S_IMAGE\"")).matches("rancher/k3s:v1\\.\\d+\\.\\d+-k3s\\d+");
    String bootstrap = read("scripts/bootstrap.sh");
    assertThat(bootstrap)
        .contains("--image \"$K3S_IMAGE\"")
        .contains("--port \"127.0.0.1:${LB_PORT}:80@loadbalancer\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafanaDoesNotTryToPreinstallPluginsFromTheInternet() {
    for (String overlay : Kustomize.overlays()) {
      var grafana =
          Manifests.of(overlay).raw.stream()
              .filter(o -> "Deployment".equals(o.get("kind")))
              .filter(
                  o ->
                      "grafana"
                          .equals(((java.util.Map<String, Object>) o.get("metadata")).get("name")))
              .findFirst()
              .orElseThrow();
      assertThat(grafana.toString())
          .as(overlay)
          .contains("{name=GF_PLUGINS_PREINSTALL_DISABLED, value=true}");
    }
  }

  @Test
  void applyPrunesOnlyOurLabelledObjectsOfEveryNamespacedKindTheOverlayRenders() {
    Set<String> rendered = new TreeSet<>();
    for (var object : Manifests.of("dev").raw) {
      String apiVersion = (String) object.get("apiVersion");
      String kind = (String) object.get("kind");
      if (!kind.equals("Namespace")) {
        rendered.add((apiVersion.contains("/") ? "" : "core/") + apiVersion + "/" + kind);
      }
    }
    Matcher list =
        Pattern.compile("(?s)PRUNE_ALLOWLIST=\\((.*?)\\)").matcher(read("scripts/cluster-lib.sh"));
    assertThat(list.find()).isTrue();

    assertThat(new TreeSet<>(Arrays.asList(list.group(1).trim().split("\\s+"))))
        .as("kinds apply_overlay prunes vs the kinds the overlay renders (never Namespaces)")
        .isEqualTo(rendered);
    assertThat(read("scripts/cluster-lib.sh"))
        .contains("--prune -l app.kubernetes.io/part-of=hrt-sre-playground");
  }

  private static String read(String file) {
    try {
      return Files.readString(RepoFiles.resolve(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String lib(String commands) {
    Commands.Result result = libResult(commands);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output().trim();
  }

  private Commands.Result libResult(String commands) {
    List<String> command = new ArrayList<>(List.of("bash", "-c"));
    command.add(
        "set -euo pipefail; source '"
            + RepoFiles.resolve("scripts/cluster-lib.sh")
            + "'; "
            + commands);
    return Commands.run(command, dir, Duration.ofSeconds(60));
  }

  private String git(Path repo, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    return Commands.require(command, repo, Duration.ofSeconds(30));
  }
}
