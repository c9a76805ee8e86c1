package com.hrt.sre.platform.k8s;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders k8s/ with the real {@code kubectl kustomize}, exactly as scripts/cluster-render.sh and
 * {@code kubectl apply -k} do (kustomize's defaults, load restrictor included), and caches each
 * result for the test run.
 */
public final class Kustomize {

  /**
   * None: prometheus/ and grafana/ generate their ConfigMaps in their own kustomization, so every
   * overlay builds with kustomize's default load restrictor, as {@code kubectl apply -k} runs it.
   */
  public static final List<String> BUILD_FLAGS = List.of();

  /**
   * Argo CD's {@code kustomize.buildOptions} (argo/install): argo/stacks pick single files of
   * k8s/base for each layer, which the default restrictor refuses.
   */
  public static final List<String> ARGO_BUILD_FLAGS =
      List.of("--load-restrictor", "LoadRestrictionsNone");

  private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();
  private static final Map<Path, String> RENDERED_BY_ARGO = new ConcurrentHashMap<>();

  private Kustomize() {}

  /** Every overlay under k8s/overlays, by directory name. */
  static List<String> overlays() {
    try (Stream<Path> dirs = Files.list(RepoFiles.resolve("k8s/overlays"))) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String renderOverlay(String overlay) {
    return render(RepoFiles.resolve("k8s/overlays/" + overlay));
  }

  /** The YAML stream kustomize prints for {@code dir}; fails with kustomize's own message. */
  public static String render(Path dir) {
    return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> run(d, BUILD_FLAGS));
  }

  /** The render Argo CD makes of {@code dir}: with its {@link #ARGO_BUILD_FLAGS}. */
  public static String renderLikeArgoCd(Path dir) {
    return RENDERED_BY_ARGO.computeIfAbsent(
        dir.toAbsolutePath().normalize(), d -> run(d, ARGO_BUILD_FLAGS));
  }

  private static String run(Path dir, List<String> flags) {
    Path kubectl = ExternalTool.require("kubectl (with kustomize), see TOOLCHAIN.md", "kubectl");
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "kustomize"));
    command.addAll(flags);
    command.add(dir.toString());
    try {
      Path err = Files.createTempFile("kustomize", ".err");
      Process process =
          new ProcessBuilder(command).redirectError(err.toFile()).directory(dir.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
      }
      String stderr = Files.readString(err);
      Files.deleteIfExists(err);
      if (process.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + stderr);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
