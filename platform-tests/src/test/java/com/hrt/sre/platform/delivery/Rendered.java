package com.hrt.sre.platform.delivery;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.platform.k8s.Kustomize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kustomize renders of k8s/ and argo/ with the real {@code kubectl kustomize}, as Kubernetes
 * objects (maps), cached per directory for the test run.
 */
final class Rendered {

  /** The flags Argo CD builds with (argo/install/argocd-cm-patch.yaml). */
  static final List<String> ARGO_BUILD_FLAGS = Kustomize.ARGO_BUILD_FLAGS;

  private static final Map<String, List<Map<String, Object>>> CACHE = new ConcurrentHashMap<>();

  private Rendered() {}

  /**
   * The objects {@code kubectl kustomize} prints for a directory relative to the repo root: as Argo
   * CD builds it for argo/, with kustomize's defaults for everything else.
   */
  static List<Map<String, Object>> objects(String dir) {
    return CACHE.computeIfAbsent(
        dir,
        d ->
            parse(
                d.startsWith("argo")
                    ? Kustomize.renderLikeArgoCd(RepoFiles.resolve(d))
                    : render(RepoFiles.resolve(d))));
  }

  /** The same render (flags, cache, failure message) as the k8s tests use. */
  static String render(Path dir) {
    return Kustomize.render(dir);
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
