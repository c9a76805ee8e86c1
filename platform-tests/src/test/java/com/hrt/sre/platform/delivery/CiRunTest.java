package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * for real, here with Debian's own kubectl first on PATH, or JDKs the test chooses; the exit comes
 * before any apt or make call.)
 */
class CiRunTest {

  @Test
  void stopsBeforeChangingAnythingWithDebiansKubectl(@TempDir Path dir) throws Exception {
    // Debian 12's own kubectl (1.20, Kustomize v2), the real binary: it prints no Kustomize line
    // (kubectl does from 1.24 on), so the check must refuse it.
    Files.createSymbolicLink(dir.resolve("kubectl"), debiansOwnKubectl(dir));

    Result result = ciRun(withOnlyTheCheckTools(dir));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains("kubectl with Kustomize v5 (kubectl 1.27 or newer) is required")
        .contains(
            "found: no Kustomize version in 'Client Version: version.Info{Major:\"1\","
                + " Minor:\"20\"")
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
   * Debian 12's own kubectl ({@code kubernetes-client}, 1.20), fetched with {@code apt-get
   * download} and unpacked into {@code dir}: never installed, so the machine's kubectl stays first.
   */
  private static Path debiansOwnKubectl(Path dir) throws Exception {
    String hint = "Debian's apt-get and dpkg-deb (this test fetches Debian's kubectl)";
    Path aptGet = ExternalTool.require(hint, "apt-get");
    Path dpkgDeb = ExternalTool.require(hint, "dpkg-deb");
    Path download = Files.createDirectories(dir.resolve("deb"));
    run(download, aptGet.toString(), "download", "kubernetes-client");
    Path deb;
    try (Stream<Path> files = Files.list(download)) {
      deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow();
    }
    Path unpacked = dir.resolve("debian");
    run(dir, dpkgDeb.toString(), "-x", deb.toString(), unpacked.toString());
    return unpacked.resolve("usr/bin/kubectl");
  }

  private static void run(Path workDir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
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
