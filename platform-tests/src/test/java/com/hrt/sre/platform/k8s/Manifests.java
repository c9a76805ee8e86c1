package com.hrt.sre.platform.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects one overlay renders to, as raw maps and as typed fabric8 models. */
final class Manifests {

  private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

  final String overlay;
  final List<Map<String, Object>> raw;
  private List<HasMetadata> typed;

  private Manifests(String overlay, List<Map<String, Object>> raw) {
    this.overlay = overlay;
    this.raw = raw;
  }

  /** The objects as fabric8 model classes (read on first use: a malformed one throws here). */
  synchronized List<HasMetadata> objects() {
    if (typed == null) {
      typed = raw.stream().map(StrictModel::read).toList();
    }
    return typed;
  }

  static Manifests of(String overlay) {
    return CACHE.computeIfAbsent(overlay, o -> parse(o, Kustomize.renderOverlay(o)));
  }

  @SuppressWarnings("unchecked")
  static Manifests parse(String name, String yamlStream) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yamlStream)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return new Manifests(name, documents);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Deployments and CronJobs: everything that runs pods. */
  List<Workload> workloads() {
    Stream<Workload> deployments =
        all(Deployment.class).stream()
            .map(
                d ->
                    new Workload(
                        "Deployment",
                        d.getMetadata().getNamespace(),
                        d.getMetadata().getName(),
                        Objects.requireNonNullElse(d.getSpec().getReplicas(), 1),
                        true,
                        d.getSpec().getTemplate()));
    Stream<Workload> cronJobs =
        all(CronJob.class).stream()
            .map(
                c ->
                    new Workload(
                        "CronJob",
                        c.getMetadata().getNamespace(),
                        c.getMetadata().getName(),
                        1,
                        false,
                        c.getSpec().getJobTemplate().getSpec().getTemplate()));
    return Stream.concat(deployments, cronJobs).toList();
  }

  List<Service> services() {
    return all(Service.class);
  }

  List<NetworkPolicy> networkPolicies() {
    return all(NetworkPolicy.class);
  }

  /** The generated ConfigMap whose name starts with {@code prefix} (kustomize adds a hash). */
  ConfigMap configMap(String namespace, String prefix) {
    return all(ConfigMap.class).stream()
        .filter(c -> namespace.equals(c.getMetadata().getNamespace()))
        .filter(c -> c.getMetadata().getName().matches(prefix + "-[a-z0-9]{10}"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + prefix + "-<hash>"));
  }

  /** One pod-running object, reduced to what the policy tests look at. */
  record Workload(
      String kind,
      String namespace,
      String name,
      int replicas,
      boolean longRunning,
      PodTemplateSpec template) {

    /**
     * The containers that run for the pod's life; init containers (which Kubernetes forbids probes
     * on) excluded.
     */
    List<Container> mainContainers() {
      return template.getSpec().getContainers();
    }

    List<Container> containers() {
      List<Container> all = new ArrayList<>(template.getSpec().getContainers());
      if (template.getSpec().getInitContainers() != null) {
        all.addAll(template.getSpec().getInitContainers());
      }
      return all;
    }

    Map<String, String> podLabels() {
      return template.getMetadata().getLabels();
    }

    @Override
    public String toString() {
      return kind + " " + namespace + "/" + name;
    }
  }
}
