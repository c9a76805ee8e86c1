package com.hrt.sre.platform.k8s;

import com.hrt.sre.platform.RepoFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds our five service images with Jib into tarballs, as `make build-images` does. */
final class ServiceImages {

  private ServiceImages() {}

  /**
   * Runs {@code mvnw -am compile jib:buildTar} for every service with {@code tag}; {@code
   * fromImage} (e.g. {@code tar:///.../jre25.tar}) replaces the default base image when not null.
   *
   * @return module -> its image tarball (loadable with docker load / ctr images import)
   */
  static Map<String, Path> buildTars(String tag, String fromImage) {
    Path root = RepoFiles.root();
    List<String> command =
        new ArrayList<>(
            List.of(
                root.resolve("mvnw").toString(),
                "-q",
                "-B",
                "-ntp",
                "-pl",
                String.join(",", ImagePolicyTest.OUR_MODULES),
                // -am: the modules' test-scoped test-support is built here, not taken from
                // ~/.m2 (a fresh machine has none of our artifacts; test-support skips Jib).
                // compile, not package: Jib (exploded mode) takes classes and runtime jars, and
                // repackaging would rewrite jars that this very test JVM (test-support on its
                // class path) and other tests' processes (the portal boot jar) have open: one
                // run lost test-support's classes that way (NoClassDefFoundError in later tests).
                "-am",
                "compile",
                "jib:buildTar",
                "-DskipTests",
                "-Dimage.tag=" + tag));
    if (fromImage != null) {
      command.add("-Djib.from.image=" + fromImage);
    }
    // A bound for a hang, not a speed target: on a busy 2-core machine the build takes minutes.
    Commands.require(command, root, Duration.ofMinutes(10));
    Map<String, Path> tars = new LinkedHashMap<>();
    for (String module : ImagePolicyTest.OUR_MODULES) {
      tars.put(module, root.resolve(module + "/target/jib-image.tar"));
    }
    return tars;
  }

  /** The offline base image of scripts/make-base-image.sh, built when missing. */
  static Path offlineBase() {
    Path root = RepoFiles.root();
    Path base = root.resolve(".local/base-image/jre25.tar");
    Commands.require(
        List.of(root.resolve("scripts/make-base-image.sh").toString(), base.toString()),
        root,
        Duration.ofMinutes(2));
    return base;
  }
}
