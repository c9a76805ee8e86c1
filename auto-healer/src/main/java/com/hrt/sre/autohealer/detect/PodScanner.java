package com.hrt.sre.autohealer.detect;

import com.hrt.sre.autohealer.config.KubernetesClients;
import com.hrt.sre.autohealer.config.WatchScope;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the pods in scope — one list request per watched namespace, or one cluster-wide for {@code
 * *} — and applies the restart rule. The number of requests does not grow with the number of pods.
 */
public final class PodScanner {

  private static final Logger log = LoggerFactory.getLogger(PodScanner.class);

  private final KubernetesClient client;
  private final WatchScope scope;
  private final String labelSelector;
  private final RestartRule rule;

  public PodScanner(
      KubernetesClient client, WatchScope scope, String labelSelector, RestartRule rule) {
    this.client = client;
    this.scope = scope;
    this.labelSelector = labelSelector;
    this.rule = rule;
  }

  /** Scans every namespace in scope; a namespace whose list fails is reported, not fatal. */
  public Scan scan() {
    int scanned = 0;
    List<UnhealthyPod> unhealthy = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    List<String> targets = scope.allNamespaces() ? List.of(WatchScope.ALL) : scope.namespaces();
    for (String target : targets) {
      try {
        for (Pod pod : list(target).getItems()) {
          if (!scope.contains(pod.getMetadata().getNamespace())) {
            continue;
          }
          scanned++;
          rule.evaluate(pod).ifPresent(unhealthy::add);
        }
      } catch (KubernetesClientException e) {
        String reason = KubernetesClients.describe(e);
        log.warn("event=scan_failed namespace={} reason=\"{}\"", target, reason);
        failures.put(target, reason);
      }
    }
    return new Scan(scanned, unhealthy, failures);
  }

  private PodList list(String target) {
    FilterWatchListDeletable<Pod, PodList, PodResource> pods =
        WatchScope.ALL.equals(target)
            ? client.pods().inAnyNamespace()
            : client.pods().inNamespace(target);
    return labelSelector.isEmpty() ? pods.list() : pods.withLabelSelector(labelSelector).list();
  }

  /**
   * What one scan found.
   *
   * @param podsScanned pods in scope
   * @param unhealthy pods the restart rule flagged
   * @param failedNamespaces namespaces that could not be listed, with the error
   */
  public record Scan(
      int podsScanned, List<UnhealthyPod> unhealthy, Map<String, String> failedNamespaces) {

    public Scan {
      unhealthy = List.copyOf(unhealthy);
      failedNamespaces = Map.copyOf(failedNamespaces);
    }
  }
}
