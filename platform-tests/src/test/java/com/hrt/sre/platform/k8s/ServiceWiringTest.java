package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Services, Ingress, scrape annotations and service URLs point at things that exist. */
class ServiceWiringTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceSelectsPodsOfAWorkloadInItsNamespace(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (Service service : manifests.services()) {
      assertThat(backends(manifests, service))
          .as("pods selected by Service %s", service.getMetadata().getName())
          .isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceTargetPortExistsOnTheSelectedContainers(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (Service service : manifests.services()) {
      for (Manifests.Workload workload : backends(manifests, service)) {
        for (ServicePort port : service.getSpec().getPorts()) {
          assertThat(
                  hasPort(
                      workload, port.getTargetPort().getStrVal(), port.getTargetPort().getIntVal()))
              .as(
                  "Service %s targetPort %s on %s",
                  service.getMetadata().getName(), port.getTargetPort(), workload)
              .isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void scrapeAnnotationsNameAPortTheContainerOpens(String overlay) {
    List<Manifests.Workload> scraped =
        Manifests.of(overlay).workloads().stream()
            .filter(w -> annotations(w).containsKey("prometheus.io/scrape"))
            .toList();

    assertThat(scraped)
        .extracting(Manifests.Workload::name)
        .containsExactlyInAnyOrder("portal", "load-generator", "mock-slack");
    assertThat(scraped)
        .allSatisfy(
            w -> {
              Map<String, String> a = annotations(w);
              assertThat(a).containsEntry("prometheus.io/scrape", "true");
              assertThat(a).containsEntry("prometheus.io/path", "/metrics");
              assertThat(hasPort(w, null, Integer.valueOf(a.get("prometheus.io/port"))))
                  .as("%s opens port %s", w, a.get("prometheus.io/port"))
                  .isTrue();
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyInClusterUrlInTheEnvironmentNamesAServiceAndOneOfItsPorts(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    List<String> urls =
        manifests.workloads().stream()
            .flatMap(w -> w.containers().stream())
            .flatMap(
                c -> c.getEnv() == null ? java.util.stream.Stream.empty() : c.getEnv().stream())
            .map(EnvVar::getValue)
            .filter(Objects::nonNull)
            .filter(v -> v.startsWith("http://"))
            .toList();

    assertThat(urls).hasSizeGreaterThanOrEqualTo(4);
    for (String url : urls) {
      URI uri = URI.create(url);
      String[] host = uri.getHost().split("\\.");
      assertThat(host).as(url).hasSizeGreaterThanOrEqualTo(3);
      assertThat(manifests.services())
          .as("a Service %s.%s with port %d for %s", host[0], host[1], uri.getPort(), url)
          .anySatisfy(
              s -> {
                assertThat(s.getMetadata().getName()).isEqualTo(host[0]);
                assertThat(s.getMetadata().getNamespace()).isEqualTo(host[1]);
                assertThat(s.getSpec().getPorts())
                    .extracting(ServicePort::getPort)
                    .contains(uri.getPort());
              });
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceAddressInTheMonitoringConfigurationExistsWithThatPort(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Pattern address =
        Pattern.compile("\\b([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc(?:\\.cluster\\.local)?:(\\d+)");
    List<String> addresses = new ArrayList<>();
    for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
      for (String text : configMap.getData().values()) {
        Matcher m = address.matcher(text);
        while (m.find()) {
          addresses.add(m.group());
          String name = m.group(1);
          String namespace = m.group(2);
          int port = Integer.parseInt(m.group(3));
          assertThat(manifests.services())
              .as("%s (in ConfigMap %s)", m.group(), configMap.getMetadata().getName())
              .anySatisfy(
                  svc -> {
                    assertThat(svc.getMetadata().getName()).isEqualTo(name);
                    assertThat(svc.getMetadata().getNamespace()).isEqualTo(namespace);
                    assertThat(svc.getSpec().getPorts())
                        .extracting(ServicePort::getPort)
                        .contains(port);
                  });
        }
      }
    }
    // Prometheus' Alertmanager and static targets, the Slack URL, Grafana's datasource.
    assertThat(addresses)
        .anyMatch(a -> a.startsWith("alertmanager."))
        .anyMatch(a -> a.startsWith("mock-slack."))
        .anyMatch(a -> a.startsWith("prometheus."));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void thePortalIngressRoutesToThePortalServiceThroughTraefik(String overlay) {
    Ingress ingress = Manifests.of(overlay).all(Ingress.class).get(0);

    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("traefik");
    var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend();
    assertThat(backend.getService().getName()).isEqualTo("portal");
    assertThat(backend.getService().getPort().getName()).isEqualTo("http");
  }

  private static List<Manifests.Workload> backends(Manifests manifests, Service service) {
    Map<String, String> selector = service.getSpec().getSelector();
    return manifests.workloads().stream()
        .filter(w -> w.namespace().equals(service.getMetadata().getNamespace()))
        .filter(w -> selector != null && w.podLabels().entrySet().containsAll(selector.entrySet()))
        .toList();
  }

  private static boolean hasPort(Manifests.Workload workload, String name, Integer number) {
    return workload.containers().stream()
        .map(Container::getPorts)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .map(ContainerPort.class::cast)
        .anyMatch(
            p ->
                (name != null && name.equals(p.getName()))
                    || (number != null && number.equals(p.getContainerPort())));
  }

  private static Map<String, String> annotations(Manifests.Workload workload) {
    Map<String, String> annotations = workload.template().getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
