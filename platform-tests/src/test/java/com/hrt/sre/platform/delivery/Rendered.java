package com.hrt.sre.platform.delivery;

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
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kustomize renders of k8s/ and argo/ with the real {@code kubectl kustomize}, as Kubernetes
 * objects (maps), cached per directory for the test run.
 */
final class Rendered {

  /** The flag every build of this repository needs (docs/kubernetes.md, argo/install). */
  static final List<String> BUILD_FLAGS = List.of("--load-restrictor", "LoadRestrictionsNone");

  private static final Map<String, List<Map<String, Object>>> CACHE = new ConcurrentHashMap<>();

  private Rendered() {}

  /** The objects {@code kubectl kustomize} prints for a directory relative to the repo root. */
  static List<Map<String, Object>> objects(String dir) {
    return CACHE.computeIfAbsent(dir, d -> parse(render(RepoFiles.resolve(d))));
  }

  static String render(Path dir) {
    Path kubectl = ExternalTool.require("kubectl (with kustomize), see TOOLCHAIN.md", "kubectl");
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "kustomize"));
    command.addAll(BUILD_FLAGS);
    command.add(dir.toString());
    try {
      Path err = Files.createTempFile("kustomize", ".err");
      Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
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

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yamlStream) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : yaml().loadAll(yamlStream)) {
      if (document != null) {
        objects.add((Map<String, Object>) document);
      }
    }
    return objects;
  }

  /** One YAML file of the repository as a map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> file(String relative) {
    try {
      return (Map<String, Object>) yaml().load(Files.readString(RepoFiles.resolve(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /** {@code Kind namespace/name}, the way kubectl names an object. */
  static String key(Map<String, Object> object) {
    Map<String, Object> metadata = map(object, "metadata");
    Object namespace = metadata.get("namespace");
    return object.get("kind")
        + " "
        + (namespace == null ? "" : namespace + "/")
        + metadata.get("name");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String... path) {
    Map<String, Object> current = parent;
    for (String key : path) {
      current = (Map<String, Object>) Objects.requireNonNullElse(current.get(key), Map.of());
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    return (List<Object>) Objects.requireNonNullElse(parent.get(key), List.of());
  }
}
