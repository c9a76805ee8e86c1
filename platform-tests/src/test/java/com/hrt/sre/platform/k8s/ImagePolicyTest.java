package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every image is one of ours with the overlay's tag, or a third-party image pinned exactly. */
class ImagePolicyTest {

  static final List<String> OUR_MODULES =
      List.of("portal", "load-generator", "mock-slack", "batch-sync", "auto-healer");

  private static final Pattern OURS = Pattern.compile("(?:[^/]+/)?hrt-sre/([a-z-]+):([\\w.-]+)");

  /** registry/path:vX.Y.Z or X.Y.Z: an exact release, never a floating tag. */
  private static final Pattern PINNED =
      Pattern.compile("[a-z0-9.-]+\\.[a-z]+/[a-z0-9./-]+:v?\\d+\\.\\d+\\.\\d+");

  static boolean isOurs(String image) {
    return OURS.matcher(image).matches();
  }

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void ourImagesCarryTheTagTheOverlaySets(String overlay) throws IOException {
    String tag = overlayTag(overlay);
    List<String> ours = images(overlay).stream().filter(ImagePolicyTest::isOurs).toList();

    assertThat(ours)
        .extracting(image -> image.replaceAll(".*hrt-sre/([a-z-]+):.*", "$1"))
        .containsExactlyInAnyOrderElementsOf(OUR_MODULES);
    assertThat(ours).allSatisfy(image -> assertThat(image).endsWith(":" + tag));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void thirdPartyImagesArePinnedToAnExactReleaseFromAFullyNamedRegistry(String overlay) {
    assertThat(images(overlay))
        .filteredOn(image -> !isOurs(image))
        .isNotEmpty()
        .allSatisfy(
            image -> {
              assertThat(image).doesNotEndWith(":latest");
              assertThat(PINNED.matcher(image).matches()).as("%s is pinned", image).isTrue();
            });
  }

  private static List<String> images(String overlay) {
    return Manifests.of(overlay).workloads().stream()
        .flatMap(w -> w.containers().stream())
        .map(Container::getImage)
        .toList();
  }

  /** The newTag an overlay (or the overlay it builds on) gives our images. */
  @SuppressWarnings("unchecked")
  private static String overlayTag(String overlay) throws IOException {
    String dir = overlay;
    for (int depth = 0; depth < 3; depth++) {
      Map<String, Object> kustomization =
          new Yaml()
              .load(
                  Files.readString(
                      RepoFiles.resolve("k8s/overlays/" + dir + "/kustomization.yaml")));
      List<Map<String, Object>> images =
          (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of());
      for (Map<String, Object> image : images) {
        if (image.get("newTag") != null) {
          return image.get("newTag").toString();
        }
      }
      List<String> resources = (List<String>) kustomization.get("resources");
      dir = resources.get(0).replaceFirst("^\\.\\./", "");
    }
    throw new AssertionError("overlay " + overlay + " sets no newTag for our images");
  }
}
