package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode runs every Java app from its extracted jar with a JDK 25 AOT cache that
 * scripts/lib-local.sh (prepare_app) trains once and re-makes only when the jar's bytes or the JDK
 * change. Drives the real functions with the real batch-sync jar and the real JDKs: the cache is
 * one the JVM accepts (-XX:AOTMode=on fails the start otherwise).
 */
class LocalAotCacheTest {

  private static final Path JAVA_25 = Path.of(System.getProperty("java.home"), "bin");
  private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin");
  private static Path bootJar;

  @BeforeAll
  static void batchSyncJar() {
    ExternalTool.require("apt-get install -y python3", "python3");
    bootJar = RepoFiles.resolve("batch-sync/target/batch-sync-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(bootJar)) {
      // A bound for a hang on a busy machine, not a speed target.
      Commands.require(
          List.of(
              RepoFiles.resolve("mvnw").toString(),
              "-q",
              "-B",
              "-ntp",
              "-pl",
              "batch-sync",
              "-am",
              "package",
              "-DskipTests"),
          RepoFiles.root(),
          Duration.ofMinutes(10));
    }
  }

  @Test
  void theCacheIsTrainedOnceAcceptedByTheJvmAndRemadeWhenTheJarOrTheJdkChanges(@TempDir Path dir)
      throws IOException {
    ExternalTool.require("apt-get install -y openjdk-17-jdk-headless", JAVA_17 + "/java");
    Path jar = dir.resolve("batch-sync.jar");
    Files.copy(bootJar, jar);
    Path cache = dir.resolve("local/apps/batch-sync/app.aot");

    String flags = prepare(dir, jar, JAVA_25);
    assertThat(flags).isEqualTo("-XX:AOTCache=" + cache);
    assertThat(cache).isNotEmptyFile();
    assertStartsWithCacheRequired(dir, cache);

    FileTime trained = Files.getLastModifiedTime(cache);
    prepare(dir, jar, JAVA_25);
    assertThat(Files.getLastModifiedTime(cache)).as("same jar, same JDK: kept").isEqualTo(trained);

    addEntry(jar, "BOOT-INF/classes/changed.txt");
    prepare(dir, jar, JAVA_25);
    assertThat(Files.getLastModifiedTime(cache)).as("new jar: re-made").isGreaterThan(trained);
    assertStartsWithCacheRequired(dir, cache);

    assertThat(prepare(dir, jar, JAVA_17)).as("a JDK 17 cannot use it: no flag").isEmpty();
    assertThat(run(dir, JAVA_17, "cat \"$LOCAL_DIR/apps/batch-sync/cache.key\""))
        .as("the key names the JDK")
        .contains("java.specification.version=17");
    assertThat(cache).as("another JDK: dropped").doesNotExist();
  }

  /** prepare_app with JAR as batch-sync's jar and JAVA_BIN first on PATH; returns aot_flags. */
  private static String prepare(Path dir, Path jar, Path javaBin) {
    String script =
        """
        source scripts/lib-local.sh
        module_jar() { printf '%%s' "%s"; }
        mkdir -p "$LOCAL_DIR/logs"
        prepare_app batch-sync PORTAL_URL=http://127.0.0.1:9 PUSHGATEWAY_URL=http://127.0.0.1:9 >/dev/null
        printf 'aot_flags=%%s' "$(aot_flags batch-sync)"
        """
            .formatted(jar);
    String output = run(dir, javaBin, script);
    return output.substring(output.lastIndexOf("aot_flags=") + "aot_flags=".length()).strip();
  }

  /** A JVM that must use the cache or fail to start gets as far as Spring Boot's first line. */
  private static void assertStartsWithCacheRequired(Path dir, Path cache) {
    String script =
        """
        source scripts/lib-local.sh
        env PORTAL_URL=http://127.0.0.1:9 PUSHGATEWAY_URL=http://127.0.0.1:9 \\
          java "${JAVA_OPTS_LOCAL[@]}" -XX:AOTCache=%s -XX:AOTMode=on -Dspring.context.exit=onRefresh \\
          -jar "$LOCAL_DIR/apps/batch-sync/run/batch-sync.jar" 2>&1 || true
        """
            .formatted(cache);
    String output = run(dir, JAVA_25, script);
    assertThat(output)
        .doesNotContain("Error occurred during initialization of VM")
        .containsPattern("Starting BatchSyncApplication .*using Java 25");
  }

  private static String run(Path dir, Path javaBin, String script) {
    List<String> command = new ArrayList<>(List.of("env"));
    command.add("LOCAL_DIR=" + dir.resolve("local"));
    command.add("PATH=" + javaBin + ":" + System.getenv("PATH"));
    // lib-local.sh takes the JDK scripts/jdk.sh picks: JAVA_HOME, else `java` on PATH, else a JDK
    // 25
    // in JVM_DIR. Here it must be this JDK, also when it is the 17 (as on a machine without a 25).
    command.add("JAVA_HOME=" + javaBin.getParent());
    command.add("JVM_DIR=" + dir.resolve("no-other-jdks"));
    command.addAll(List.of("bash", "-c", script));
    return Commands.require(command, RepoFiles.root(), Duration.ofMinutes(8));
  }

  private static void addEntry(Path jar, String name) throws IOException {
    Path copy = jar.resolveSibling("changed.jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), Map.of())) {
      Files.writeString(zip.getPath(name), "a rebuilt jar");
    }
    Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
  }
}
