package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .ci/run installs with apt what Debian provides and checks up front what it cannot: kubectl with
 * Kustomize v5 (Debian's is 1.20 with Kustomize v2). On a machine without it, it stops before it
 * installs or runs anything, and says what to install. (Run for real, here with a kubectl of
 * Debian's vintage first on PATH; the exit comes before any apt or make call.)
 */
class CiRunTest {

  /**
   * What Debian 12's own kubectl ({@code kubernetes-client 1.20.5+really1.20.2-1.1+deb12u1},
   * extracted with {@code apt-get download} and run on 2026-12-02) answers to {@code kubectl
   * version --client}: no Kustomize line at all (kubectl prints one from 1.24 on).
   */
  private static final String DEBIAN_KUBECTL_VERSION_OUTPUT =
      "Client Version: version.Info{Major:\"1\", Minor:\"20\", GitVersion:\"v1.20.2\","
          + " GitCommit:\"faecb196815e248d3ecfb03c680a4507229c2a56\", GitTreeState:\"archive\","
          + " BuildDate:\"2025-06-08T22:40:27Z\", GoVersion:\"go1.19.8\", Compiler:\"gc\","
          + " Platform:\"linux/amd64\"}";

  @Test
  void stopsBeforeChangingAnythingWithDebiansKubectl(@TempDir Path dir) throws Exception {
    // A recording of the real tool's answer (above), not a kubectl that accepts anything: the
    // script only runs `kubectl version --client`, and this is all Debian's prints for it.
    Path kubectl = dir.resolve("kubectl");
    Files.writeString(kubectl, "#!/bin/sh\necho '" + DEBIAN_KUBECTL_VERSION_OUTPUT + "'\n");
    Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));

    Result result = ciRun(withOnlyTheCheckTools(dir));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains("kubectl with Kustomize v5 (kubectl 1.27 or newer) is required")
        .contains("found: no Kustomize version in 'Client Version: version.Info{Major:\"1\"")
        .contains("https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/")
        .contains("Nothing was changed")
        .doesNotContain("== installing");
  }

  @Test
  void theRealKubectlOnPathPassesTheCheck(@TempDir Path dir) throws Exception {
    Path kubectl = ExternalTool.require("kubectl 1.27+ (Kustomize v5)", "kubectl");
    Files.createSymbolicLink(dir.resolve("kubectl"), kubectl);

    // No apt-get or dpkg-query on this PATH: past the check, the first install step fails.
    Result result = ciRun(withOnlyTheCheckTools(dir));

    assertThat(result.output())
        .containsPattern("kubectl: Kustomize v[5-9]")
        .contains("== installing test tools (apt)")
        .doesNotContain("is required");
    assertThat(result.exitCode()).as(result.output()).isNotZero();
  }

  @Test
  void stopsBeforeChangingAnythingWhenThereIsNoKubectl(@TempDir Path dir) throws Exception {
    Result result = ciRun(withOnlyTheCheckTools(dir));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains("found: no kubectl on PATH")
        .doesNotContain("== installing");
  }

  @Test
  void installsNodeAndNpmFromDebianWhenAbsentAndAlwaysTheNpmTools() throws IOException {
    String script = Files.readString(RepoFiles.resolve(".ci/run"));

    assertThat(script)
        .contains("[node]=nodejs")
        .contains("[npm]=npm")
        .contains("[javac]=openjdk-17-jdk-headless")
        .contains("npm ci --prefix tools");
  }

  /**
   * A PATH of {@code dir} with what the check uses (bash, sed, dirname) and whatever kubectl the
   * test put there: no apt, npm or make, so a check that wrongly passed could change nothing.
   */
  private static String withOnlyTheCheckTools(Path dir) throws IOException {
    for (String tool : new String[] {"bash", "sed", "dirname"}) {
      Files.createSymbolicLink(dir.resolve(tool), Path.of("/usr/bin", tool));
    }
    return dir.toString();
  }

  private record Result(int exitCode, String output) {}

  private static Result ciRun(String path) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("/usr/bin/bash", RepoFiles.resolve(".ci/run").toString())
            .redirectErrorStream(true);
    builder.environment().put("PATH", path);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
    return new Result(process.exitValue(), output);
  }
}
