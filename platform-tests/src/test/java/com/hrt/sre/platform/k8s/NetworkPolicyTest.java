package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluates the rendered NetworkPolicies like a policy controller would (label selectors, namespace
 * selectors, ports, ingress and egress sides) over every pair of pods and every port the
 * destination opens, and requires the allowed set to be exactly the flows the playground has.
 */
class NetworkPolicyTest {

  /** source -> destination:port, the complete list of flows (docs/kubernetes.md). */
  private static final Set<String> EXPECTED =
      new TreeSet<>(
          List.of(
              "traefik -> portal:8080",
              "load-generator -> portal:8080",
              "batch-sync -> portal:8080",
              "prometheus -> portal:8080",
              "prometheus -> load-generator:8082",
              "prometheus -> mock-slack:8081",
              "prometheus -> pushgateway:9091",
              "prometheus -> alertmanager:9093",
              "prometheus -> kube-state-metrics:8080",
              "prometheus -> api-server:6443",
              "alertmanager -> mock-slack:8081",
              "mock-slack -> alertmanager:9093",
              "batch-sync -> pushgateway:9091",
              "auto-healer -> pushgateway:9091",
              "auto-healer -> api-server:6443",
              "kube-state-metrics -> api-server:6443",
              "grafana -> prometheus:9090"));

  /** A pod (or the API server, which has no namespace and is matched only by "any address"). */
  record Endpoint(String name, String namespace, Map<String, String> labels, List<Integer> ports) {}

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void exactlyTheExpectedFlowsAreAllowed(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    List<Endpoint> endpoints = endpoints(manifests);
    List<NetworkPolicy> policies = manifests.networkPolicies();

    Set<String> allowed = new TreeSet<>();
    for (Endpoint from : endpoints) {
      for (Endpoint to : endpoints) {
        for (int port : to.ports()) {
          boolean touchesThePlayground = inPlayground(from) || inPlayground(to);
          if (from != to
              && touchesThePlayground
              && !to.name().equals("kube-dns")
              && allows(policies, from, to, port)) {
            allowed.add(from.name() + " -> " + to.name() + ":" + port);
          }
        }
      }
    }

    assertThat(allowed).containsExactlyElementsOf(EXPECTED);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyPodMayResolveNamesButNothingElseInKubeSystem(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    List<Endpoint> endpoints = endpoints(manifests);
    Endpoint dns =
        endpoints.stream().filter(e -> e.name().equals("kube-dns")).findFirst().orElseThrow();
    List<NetworkPolicy> policies = manifests.networkPolicies();

    assertThat(endpoints)
        .filteredOn(e -> e.namespace() != null && !e.namespace().equals("kube-system"))
        .allSatisfy(
            e -> {
              assertThat(allows(policies, e, dns, 53)).as("%s -> dns:53", e.name()).isTrue();
              assertThat(allows(policies, e, dns, 9153)).as("%s -> dns:9153", e.name()).isFalse();
            });
  }

  private static boolean inPlayground(Endpoint endpoint) {
    return "portal".equals(endpoint.namespace()) || "hrt-sre".equals(endpoint.namespace());
  }

  private static List<Endpoint> endpoints(Manifests manifests) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Manifests.Workload w : manifests.workloads()) {
      List<Integer> ports =
          w.containers().stream()
              .map(c -> c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts())
              .flatMap(List::stream)
              .map(ContainerPort::getContainerPort)
              .toList();
      endpoints.add(new Endpoint(w.name(), w.namespace(), w.podLabels(), ports));
    }
    endpoints.add(
        new Endpoint(
            "traefik", "kube-system", Map.of("app.kubernetes.io/name", "traefik"), List.of(8000)));
    endpoints.add(
        new Endpoint("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), List.of(53, 9153)));
    endpoints.add(new Endpoint("api-server", null, Map.of(), List.of(6443)));
    return endpoints;
  }

  /** Both the sender's egress and the receiver's ingress must allow the connection. */
  static boolean allows(List<NetworkPolicy> policies, Endpoint from, Endpoint to, int port) {
    return side(policies, from, "Egress", (policy, peer) -> egressAllows(policy, to, port))
        && side(policies, to, "Ingress", (policy, peer) -> ingressAllows(policy, from, port));
  }

  /** Not isolated (no policy of this type selects the pod), or some selecting policy allows it. */
  private static boolean side(
      List<NetworkPolicy> policies,
      Endpoint pod,
      String type,
      BiPredicate<NetworkPolicy, Endpoint> allowsFlow) {
    if (pod.namespace() == null || pod.namespace().equals("kube-system")) {
      return true; // outside the playground: no policies of ours apply
    }
    List<NetworkPolicy> selecting =
        policies.stream()
            .filter(p -> p.getMetadata().getNamespace().equals(pod.namespace()))
            .filter(p -> p.getSpec().getPolicyTypes().contains(type))
            .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
            .toList();
    return selecting.isEmpty() || selecting.stream().anyMatch(p -> allowsFlow.test(p, pod));
  }

  private static boolean egressAllows(NetworkPolicy policy, Endpoint to, int port) {
    return policy.getSpec().getEgress().stream()
        .anyMatch(
            rule ->
                portMatches(rule.getPorts(), port)
                    && peersMatch(rule.getTo(), policy.getMetadata().getNamespace(), to));
  }

  private static boolean ingressAllows(NetworkPolicy policy, Endpoint from, int port) {
    return policy.getSpec().getIngress().stream()
        .anyMatch(
            rule ->
                portMatches(rule.getPorts(), port)
                    && peersMatch(rule.getFrom(), policy.getMetadata().getNamespace(), from));
  }

  private static boolean portMatches(List<NetworkPolicyPort> ports, int port) {
    return ports == null
        || ports.isEmpty()
        || ports.stream().anyMatch(p -> Objects.equals(p.getPort().getIntVal(), port));
  }

  /** No peers = any address; a peer matches by namespace and pod selectors (ipBlock unused). */
  private static boolean peersMatch(
      List<NetworkPolicyPeer> peers, String policyNamespace, Endpoint e) {
    if (peers == null || peers.isEmpty()) {
      return true;
    }
    if (e.namespace() == null) {
      return false; // the API server is only reachable through "any address" rules
    }
    return peers.stream()
        .anyMatch(
            peer -> {
              assertThat(peer.getIpBlock()).as("ipBlock peers are not used").isNull();
              boolean namespaceOk =
                  peer.getNamespaceSelector() == null
                      ? e.namespace().equals(policyNamespace)
                      : matches(
                          peer.getNamespaceSelector(),
                          Map.of("kubernetes.io/metadata.name", e.namespace()));
              boolean podOk =
                  peer.getPodSelector() == null || matches(peer.getPodSelector(), e.labels());
              return namespaceOk && podOk;
            });
  }

  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    assertThat(selector.getMatchExpressions()).as("matchExpressions are not used").isNullOrEmpty();
    Map<String, String> wanted =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    return labels.entrySet().containsAll(wanted.entrySet());
  }
}
