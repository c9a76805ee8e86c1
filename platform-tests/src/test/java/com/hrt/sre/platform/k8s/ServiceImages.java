package com.hrt.sre.platform.k8s;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds our five service images with Jib and their AOT caches into tarballs, as `make
 * build-images` does.
 */
final class ServiceImages {

  private ServiceImages() {}

  /**
   * Builds every service image as `make build-images` does: {@code mvnw -am package}, each image's
   * AOT cache trained in the image (scripts/train-aot-cache.sh, needs Docker), then {@code
   * jib:buildTar} with {@code tag}; {@code fromImage} (e.g. {@code tar:///.../jre25.tar}) replaces
   * the default base image when not null. The build runs in a copy of the source tree (see {@link
   * #sourceCopy}).
   *
   * @return module -> its image tarball (loadable with docker load / ctr images import)
   */
  static Map<String, Path> buildTars(String tag, String fromImage) {
    Path root = sourceCopy();
    String modules = String.join(",", ImagePolicyTest.OUR_MODULES);
    String mvnw = root.resolve("mvnw").toString();
    // -am: the modules' test-scoped test-support is built here, not taken from ~/.m2 (a fresh
    // machine has none of our artifacts). package: Jib's packaged mode takes the module's own jar
    // (an AOT cache cannot be made with class directories on the class path). A bound for a hang,
    // not a speed target: on a busy 2-core machine each step takes minutes.
    Commands.require(
        List.of(mvnw, "-q", "-B", "-ntp", "-pl", modules, "-am", "package", "-DskipTests"),
        root,
        Duration.ofMinutes(10));
    List<String> train = new ArrayList<>(List.of("env"));
    if (fromImage != null) {
      train.add("JIB_FROM=" + fromImage);
    }
    train.add(root.resolve("scripts/train-aot-cache.sh").toString());
    train.addAll(ImagePolicyTest.OUR_MODULES);
    Commands.require(train, root, Duration.ofMinutes(15));
    List<String> jib =
        new ArrayList<>(
            List.of(
                mvnw,
                "-q",
                "-B",
                "-ntp",
                "-pl",
                modules,
                "-am", // service-support, a run-time dependency, is ours: not in a fresh ~/.m2
                "-DskipTests",
                "package",
                "jib:buildTar",
                "-Dimage.tag=" + tag));
    if (fromImage != null) {
      jib.add("-Djib.from.image=" + fromImage);
    }
    Commands.require(jib, root, Duration.ofMinutes(10));
    Map<String, Path> tars = new LinkedHashMap<>();
    for (String module : ImagePolicyTest.OUR_MODULES) {
      tars.put(module, root.resolve(module + "/target/jib-image.tar"));
    }
    return tars;
  }

  /**
   * The repository's files (tracked and untracked, not ignored: no target/, no .local/) copied
   * under platform-tests/target/image-build. Packaging in place would rewrite jars that this very
   * test JVM (test-support on its class path) and other tests' processes (the portal's jar) have
   * open: one run lost test-support's classes that way (NoClassDefFoundError in later tests).
   */
  private static Path sourceCopy() {
    Path root = RepoFiles.root();
    Path copy = root.resolve("platform-tests/target/image-build");
    String files =
        Commands.require(
            List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"),
            root,
            Duration.ofMinutes(1));
    try {
      for (String file : files.split("\0")) {
        Path source = root.resolve(file);
        if (file.isEmpty() || !Files.isRegularFile(source)) {
          continue; // a file deleted but not yet committed
        }
        Path target = copy.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(
            source,
            target,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the sources to " + copy, e);
    }
    return copy;
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
