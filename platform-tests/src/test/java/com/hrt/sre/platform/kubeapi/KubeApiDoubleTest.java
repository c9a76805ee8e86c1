package com.hrt.sre.platform.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double against the real kubectl: if kubectl cannot get, list, create or port-forward through
 * it, the script tests built on it would prove nothing. Also pins that it refuses what a real
 * server refuses (kubectl's own error text comes back).
 */
class KubeApiDoubleTest {

  @TempDir Path dir;
  private KubeApiDouble api;
  private HttpServer grafana;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    api = new KubeApiDouble();
    Fixtures.namespaces(api, "portal", "hrt-sre");
    grafana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    grafana.createContext(
        "/api/health",
        exchange -> {
          byte[] body = "{\"database\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    grafana.start();
    Fixtures.service(api, "hrt-sre", "grafana", 3000);
    Fixtures.runningPod(api, "hrt-sre", "grafana-7d9f-abcde", "grafana", 3000);
    api.forwardPod("hrt-sre", "grafana-7d9f-abcde", 3000, grafana.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroy));
    processes.forEach(Process::destroy);
    grafana.stop(0);
    api.close();
  }

  @Test
  void kubectlPortForwardsAServiceThroughTheDoubleToTheLocalPort() throws Exception {
    int local = FreePort.pick();
    Path log = dir.resolve("pf.log");
    Process forward =
        kubectl(
            log,
            "-n",
            "hrt-sre",
            "port-forward",
            "--address",
            "127.0.0.1",
            "svc/grafana",
            local + ":3000");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.readString(log).contains("Forwarding from 127.0.0.1:" + local));
    assertThat(forward.isAlive()).as("kubectl port-forward: %s", Files.readString(log)).isTrue();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + "/api/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"database\":\"ok\"");
    assertThat(api.requests())
        .anyMatch(r -> r.startsWith("GET /api/v1/namespaces/hrt-sre/services/grafana"))
        .anyMatch(
            r ->
                r.startsWith(
                    "POST /api/v1/namespaces/hrt-sre/pods/grafana-7d9f-abcde/portforward"));
    assertThat(forward.isAlive()).as(Files.readString(log)).isTrue();
  }

  @Test
  void theAddressInsideThePortsArgumentIsRejectedByKubectlAsByARealServer() throws Exception {
    Path log = dir.resolve("pf.log");
    Process forward =
        kubectl(log, "-n", "hrt-sre", "port-forward", "svc/grafana", "127.0.0.1:3000:3000");

    assertThat(forward.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(forward.exitValue()).isNotZero();
    assertThat(Files.readString(log)).contains("does not have a named port '127.0.0.1'");
    assertThat(api.requests()).noneMatch(r -> r.contains("/portforward"));
  }

  @Test
  void aMissingObjectIsAStatusNotFoundThatKubectlReports() throws Exception {
    Path log = dir.resolve("get.log");
    Process get = kubectl(log, "-n", "portal", "get", "secret", "portal-admin");

    assertThat(get.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(get.exitValue()).isNotZero();
    assertThat(Files.readString(log))
        .contains("Error from server (NotFound): secrets \"portal-admin\" not found");
  }

  private Process kubectl(Path log, String... args) throws IOException {
    Path kubectl = ExternalTool.require("kubectl, see TOOLCHAIN.md", "kubectl");
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--context", "k3d-double"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", api.kubeconfig(dir, "k3d-double").toString());
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    processes.add(process);
    return process;
  }
}
