package com.hrt.sre.platform.k8s;

import com.hrt.sre.platform.RepoFiles;
import java.nio.file.Path;
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
   * jib:buildTar} with {@code tag}; {@code fromImage} (e.g. {@code tar:///.../jre17.tar}) replaces
   * the default base image when not null.
   *
   * @return module -> its image tarball (loadable with docker load / ctr images import)
   */
  static Map<String, Path> buildTars(String tag, String fromImage) {
    Path root = RepoFiles.root();
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
                mvnw, "-q", "-B", "-ntp", "-pl", modules, "jib:buildTar", "-Dimage.tag=" + tag));
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

  /** The offline base image of scripts/make-base-image.sh, built when missing. */
  static Path offlineBase() {
    Path root = RepoFiles.root();
    Path base = root.resolve(".local/base-image/jre17.tar");
    Commands.require(
        List.of(root.resolve("scripts/make-base-image.sh").toString(), base.toString()),
        root,
        Duration.ofMinutes(2));
    return base;
  }
}
