package com.hrt.sre.autohealer.detect;

import com.hrt.sre.autohealer.config.KubernetesClients;
import com.hrt.sre.autohealer.config.WatchScope;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
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
 * Lists the pods in scope — per watched namespace, or cluster-wide for {@code *} — and applies the
 * restart rule's first, cheap test (a restart with a current sign). Lists are paged ({@code limit}
 * + {@code continue}, like kubectl's chunked lists), so neither the API server nor the healer holds
 * every pod of a large cluster in one response: the requests grow with pods / page size, and only
 * one page is held at a time.
 */
public final class PodScanner {

  private static final Logger log = LoggerFactory.getLogger(PodScanner.class);

  private final KubernetesClient client;
  private final WatchScope scope;
  private final String labelSelector;
  private final RestartRule rule;
  private final int pageSize;

  public PodScanner(
      KubernetesClient client,
      WatchScope scope,
      String labelSelector,
      RestartRule rule,
      int pageSize) {
    this.client = client;
    this.scope = scope;
    this.labelSelector = labelSelector;
    this.rule = rule;
    this.pageSize = pageSize;
  }

  /** Scans every namespace in scope; a namespace whose list fails is reported, not fatal. */
  public Scan scan() {
    int scanned = 0;
    List<RestartingPod> restarting = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    List<String> targets = scope.allNamespaces() ? List.of(WatchScope.ALL) : scope.namespaces();
    for (String target : targets) {
      try {
        String token = null;
        do {
          PodList page = page(target, token);
          for (Pod pod : page.getItems()) {
            if (!scope.contains(pod.getMetadata().getNamespace())) {
              continue;
            }
            scanned++;
            rule.restarting(pod).ifPresent(restarting::add);
          }
          token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
      } catch (KubernetesClientException e) {
        // Includes 410 Gone for a continue token that expired mid-list: this namespace is then
        // reported as not scanned for this run, and the next run lists it afresh.
        String reason = KubernetesClients.describe(e);
        log.warn("event=scan_failed namespace={} reason=\"{}\"", target, reason);
        failures.put(target, reason);
      }
    }
    return new Scan(scanned, restarting, failures);
  }

  private PodList page(String target, String continueToken) {
    FilterWatchListDeletable<Pod, PodList, PodResource> pods =
        WatchScope.ALL.equals(target)
            ? client.pods().inAnyNamespace()
            : client.pods().inNamespace(target);
    ListOptions options =
        new ListOptionsBuilder()
            .withLimit((long) pageSize)
            .withContinue(continueToken)
            .withLabelSelector(labelSelector.isEmpty() ? null : labelSelector)
            .build();
    return pods.list(options);
  }

  /**
   * What one scan found.
   *
   * @param podsScanned pods in scope
   * @param restarting pods with a current sign of restarts, to be judged
   * @param failedNamespaces namespaces that could not be listed, with the error
   */
  public record Scan(
      int podsScanned, List<RestartingPod> restarting, Map<String, String> failedNamespaces) {

    public Scan {
      restarting = List.copyOf(restarting);
      failedNamespaces = Map.copyOf(failedNamespaces);
    }
  }
}
