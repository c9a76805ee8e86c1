package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.kubeapi.Fixtures;
import com.hrt.sre.platform.kubeapi.KubeApiDouble;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make port-forward (scripts/cluster-port-forward.sh) with the real kubectl against {@link
 * KubeApiDouble}: each Service's pod is "served" by an HTTP server on this machine that answers
 * with its own name, so a request through a forward shows which pod it reached. The local ports are
 * random (PORT_FORWARDS); the service ports are the manifests'.
 */
class PortForwardScriptTest {

  /** Service -> its port in k8s/base. */
  private static final Map<String, Integer> SERVICES =
      Map.of("grafana", 3000, "prometheus", 9090, "alertmanager", 9093, "mock-slack", 8081);

  @TempDir Path dir;
  private KubeApiDouble api;
  private final List<HttpServer> pods = new ArrayList<>();
  private final Map<String, Integer> localPorts = new LinkedHashMap<>();
  private ClusterScript script;

  @BeforeEach
  void cluster() throws IOException {
    ExternalTool.require("kubectl, see TOOLCHAIN.md", "kubectl");
    api = new KubeApiDouble();
    Fixtures.namespaces(api, "portal", "hrt-sre");
    for (var service : SERVICES.entrySet()) {
      HttpServer pod = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      String name = service.getKey();
      pod.createContext(
          "/",
          exchange -> {
            byte[] body = ("pod of " + name).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      pod.start();
      pods.add(pod);
      Fixtures.service(api, "hrt-sre", name, service.getValue());
      Fixtures.runningPod(api, "hrt-sre", name + "-0", name, service.getValue());
      api.forwardPod("hrt-sre", name + "-0", service.getValue(), pod.getAddress().getPort());
      localPorts.put(name, FreePort.pick());
    }
  }

  @AfterEach
  void stop() {
    if (script != null) {
      script.close();
    }
    pods.forEach(pod -> pod.stop(0));
    api.close();
  }

  @Test
  void everyServiceIsReachableOnItsLocalPortOnceItsCheckMarkIsPrinted() throws Exception {
    script = start(forwards(SERVICES.keySet()));

    for (String service : SERVICES.keySet()) {
      awaitOutput(checkMark(service));
      assertThat(get(localPorts.get(service))).isEqualTo("pod of " + service);
    }
    assertThat(api.requests())
        .anyMatch(r -> r.startsWith("POST /api/v1/namespaces/hrt-sre/pods/grafana-0/portforward"));
  }

  @Test
  void aServiceKubectlCannotForwardGetsNoCheckMarkButKubectlsErrorAndRetries() {
    String forwards = forwards(List.of("grafana")) + " pushgateway:" + FreePort.pick() + ":9091";
    script = start(forwards);

    awaitOutput("pushgateway: Error from server (NotFound): services \"pushgateway\" not found");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.requests().stream()
                        .filter(
                            r ->
                                r.startsWith("GET /api/v1/namespaces/hrt-sre/services/pushgateway"))
                        .count()
                    >= 2);
    assertThat(script.output()).contains(checkMark("grafana"));
    assertThat(script.output()).doesNotContain(checkMark("pushgateway"));
    assertThat(script.output()).contains("pushgateway: kubectl port-forward ended");
  }

  @Test
  void aForwardThatDropsIsStartedAgainAndAnnouncedAgain() throws Exception {
    script = start(forwards(List.of("grafana")));
    awaitOutput(checkMark("grafana"));

    api.dropPortForwards();

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Pattern.compile(Pattern.quote(checkMark("grafana")))
                        .matcher(script.output())
                        .results()
                        .count()
                    == 2);
    assertThat(get(localPorts.get("grafana"))).isEqualTo("pod of grafana");
    assertThat(script.output()).contains("grafana: kubectl port-forward ended");
  }

  @Test
  void ctrlCStopsEveryKubectlItStarted() {
    script = start(forwards(SERVICES.keySet()));
    SERVICES.keySet().forEach(service -> awaitOutput(checkMark(service)));

    List<ProcessHandle> tree = script.stop(Duration.ofSeconds(10));

    assertThat(tree).isNotEmpty();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(script.output()).contains("port-forwards stopped");
  }

  private ClusterScript start(String forwards) {
    return ClusterScript.start(
        api, dir, Map.of("PORT_FORWARDS", forwards), "cluster-port-forward.sh");
  }

  private String forwards(Iterable<String> services) {
    StringBuilder list = new StringBuilder();
    for (String service : services) {
      list.append(service)
          .append(':')
          .append(localPorts.get(service))
          .append(':')
          .append(SERVICES.get(service))
          .append(' ');
    }
    return list.toString().trim();
  }

  private String checkMark(String service) {
    Integer port = localPorts.get(service);
    return "✓ %-13s http://localhost:%s/".formatted(service, port == null ? "" : port);
  }

  private void awaitOutput(String text) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .failFast("the script ended", () -> !script.isAlive())
        .untilAsserted(() -> assertThat(script.output()).contains(text));
  }

  private static String get(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
