package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .ci/run installs with apt what Debian provides and checks up front what it cannot: kubectl with
 * Kustomize v5 (Debian's is 1.20 with Kustomize v2) and a JDK 25 (Debian 12 has up to 17). On a
 * machine without one, it stops before it installs or runs anything, and says what to install. (Run
 * for real, here with a kubectl of Debian's vintage first on PATH, or JDKs the test chooses; the
 * exit comes before any apt or make call.)
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
    // A recording of the real tool's answer (above), not a kubectl that accepts anything: it
    // answers `kubectl version --client` as Debian's does, and any other command as kubectl's
    // command parser (cobra) refuses an unknown one, exit 1.
    Path kubectl = dir.resolve("kubectl");
    Files.writeString(
        kubectl,
        """
        #!/bin/sh
        if [ "$*" = "version --client" ]; then echo '%s'; exit 0; fi
        echo "Error: unknown command \"$1\" for \"kubectl\"" >&2
        echo "Run 'kubectl --help' for usage." >&2
        exit 1
        """
            .formatted(DEBIAN_KUBECTL_VERSION_OUTPUT));
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

    // No apt-get or dpkg-query on this PATH: past the checks, the first install step fails.
    Result result = ciRun(withOnlyTheCheckTools(dir));

    assertThat(result.output())
        .containsPattern("kubectl: Kustomize v[5-9]")
        .contains("== installing test tools (apt)")
        .doesNotContain("is required");
    assertThat(result.exitCode()).as(result.output()).isNotZero();
  }

  @Test
  void stopsBeforeChangingAnythingWithoutAJdk25(@TempDir Path dir) throws Exception {
    Path old = olderJdk();
    Path jvms = jvmDirWithTheRealKubectl(dir, old);

    Result result =
        ciRun(
            withOnlyTheCheckTools(dir),
            Map.of("JAVA_HOME", old.toString(), "JVM_DIR", jvms.toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains(
            "needs a JDK 25 or newer; found: "
                + old
                + " ("
                + major(old)
                + "); "
                + jvms.resolve("java-17"))
        .contains("Install Temurin 25")
        .contains("Nothing was changed")
        .doesNotContain("== installing");
  }

  @Test
  void usesTheJdk25BesideAnOlderDefaultJava(@TempDir Path dir) throws Exception {
    Path old = olderJdk();
    Path jvms = jvmDirWithTheRealKubectl(dir, old);
    Path ours = Path.of(System.getProperty("java.home"));
    Files.createSymbolicLink(jvms.resolve("temurin-25"), ours);
    Files.createSymbolicLink(dir.resolve("java"), old.resolve("bin/java"));

    Result result = ciRun(withOnlyTheCheckTools(dir), Map.of("JVM_DIR", jvms.toString()));

    assertThat(result.output())
        .contains(
            "JDK: " + jvms.resolve("temurin-25") + " (Java " + Runtime.version().feature() + ")")
        .contains("== installing test tools (apt)");
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
        .doesNotContain("openjdk-17")
        .contains("npm ci --prefix tools");
  }

  /**
   * Puts the real kubectl into {@code dir} (the PATH) and returns a JVM folder (JVM_DIR) holding
   * {@code old} as java-17, as /usr/lib/jvm does on Debian 12.
   */
  private static Path jvmDirWithTheRealKubectl(Path dir, Path old) throws IOException {
    Path kubectl = ExternalTool.require("kubectl 1.27+ (Kustomize v5)", "kubectl");
    Files.createSymbolicLink(dir.resolve("kubectl"), kubectl);
    Path jvms = Files.createDirectories(dir.resolve("jvm"));
    Files.createSymbolicLink(jvms.resolve("java-17"), old);
    return jvms;
  }

  /** A real JDK older than 25 (Debian's 17 here), the machine's default `java` of the issue. */
  private static Path olderJdk() throws IOException {
    try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
      Optional<Path> old =
          jvms.filter(home -> Files.isExecutable(home.resolve("bin/java")))
              .filter(home -> !major(home).isEmpty() && Integer.parseInt(major(home)) < 25)
              .findFirst();
      if (old.isEmpty()) {
        String message =
            "no JDK older than 25 in /usr/lib/jvm (apt-get install -y openjdk-17-jdk-headless)";
        if (ExternalTool.isCi()) {
          Assertions.fail(message);
        }
        Assumptions.abort(message);
      }
      return old.orElseThrow();
    }
  }

  /** The feature version a JDK's `release` file names ("17" for JAVA_VERSION="17.0.13"). */
  private static String major(Path home) {
    try {
      Matcher version =
          Pattern.compile("JAVA_VERSION=\"(\\d+)")
              .matcher(Files.readString(home.resolve("release")));
      return version.find() ? version.group(1) : "";
    } catch (IOException e) {
      return "";
    }
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

  /** Runs .ci/run with {@code path} as PATH and this test's own JDK (25+) as JAVA_HOME. */
  private static Result ciRun(String path) throws Exception {
    return ciRun(path, Map.of("JAVA_HOME", System.getProperty("java.home")));
  }

  /** Runs .ci/run with {@code path} as PATH, no JAVA_HOME unless {@code env} gives one. */
  private static Result ciRun(String path, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("/usr/bin/bash", RepoFiles.resolve(".ci/run").toString())
            .redirectErrorStream(true);
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("PATH", path);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
    return new Result(process.exitValue(), output);
  }
}
