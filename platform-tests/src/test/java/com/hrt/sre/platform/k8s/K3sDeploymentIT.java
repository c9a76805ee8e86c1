package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The ci overlay in a real (single-node k3s) cluster: our images loaded into its containerd, the
 * overlay applied as `make bootstrap` applies it, every rollout finished, and the portal answering
 * through Traefik, its Ingress and its Service.
 *
 * <p>Profile cluster-tests only (k3s and the third-party images come from public registries):
 * {@code ./mvnw -B -pl platform-tests -am -Pcluster-tests verify}. Set {@code -Djib.from.image=...}
 * to build our images on another base (default: Jib's, from Docker Hub).
 */
class K3sDeploymentIT {

  private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.32.4-k3s1");
  private static final List<String> DEPLOYMENTS =
      List.of(
          "portal/portal",
          "portal/load-generator",
          "hrt-sre/mock-slack",
          "hrt-sre/prometheus",
          "hrt-sre/alertmanager",
          "hrt-sre/pushgateway",
          "hrt-sre/kube-state-metrics",
          "hrt-sre/grafana");

  private static K3sContainer k3s;
  private static Path kubeconfig;
  private static String kubectl;

  @BeforeAll
  static void deployTheCiOverlay() throws Exception {
    kubectl = ExternalTool.require("kubectl, see TOOLCHAIN.md", "kubectl").toString();
    Map<String, Path> tars = ServiceImages.buildTars("ci", System.getProperty("jib.from.image"));

    // Testcontainers' default command disables Traefik; the demo reaches the portal through it.
    k3s = new K3sContainer(K3S);
    k3s.withCommand("server", "--tls-san=" + k3s.getHost());
    k3s.addExposedPort(80);
    k3s.start();
    kubeconfig = Files.createTempFile("k3s", ".yaml");
    Files.writeString(kubeconfig, k3s.getKubeConfigYaml());

    for (var image : tars.entrySet()) {
      String inContainer = "/tmp/" + image.getKey() + ".tar";
      k3s.copyFileToContainer(MountableFile.forHostPath(image.getValue()), inContainer);
      var imported = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", inContainer);
      assertThat(imported.getExitCode()).as(imported.getStderr()).isZero();
    }

    kubectl(
        "apply", "--server-side", "-f", RepoFiles.resolve("k8s/base/namespaces.yaml").toString());
    kubectl(
        "-n",
        "hrt-sre",
        "create",
        "secret",
        "generic",
        "grafana-admin",
        "--from-literal=admin-user=admin",
        "--from-literal=admin-password=" + UUID.randomUUID());
    kubectl(
        "-n",
        "portal",
        "create",
        "secret",
        "generic",
        "portal-admin",
        "--from-literal=token=" + UUID.randomUUID());
    Path rendered = Files.createTempFile("ci-overlay", ".yaml");
    Files.writeString(rendered, Kustomize.renderOverlay("ci"));
    kubectl("apply", "--server-side", "--field-manager=hrt-bootstrap", "-f", rendered.toString());
  }

  @AfterAll
  static void stop() throws IOException {
    if (k3s != null) {
      k3s.stop();
    }
    if (kubeconfig != null) {
      Files.deleteIfExists(kubeconfig);
    }
  }

  @Test
  void everyDeploymentRollsOutAndThePortalAnswersThroughItsIngressAndService() {
    for (String deployment : DEPLOYMENTS) {
      String[] parts = deployment.split("/");
      kubectl("-n", parts[0], "rollout", "status", "deployment/" + parts[1], "--timeout=300s");
    }

    String portal = "http://" + k3s.getHost() + ":" + k3s.getMappedPort(80);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await("the portal through Traefik at " + portal)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  http.send(
                      HttpRequest.newBuilder(URI.create(portal + "/api/records?page=0&size=5"))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(response.statusCode()).isEqualTo(200);
              assertThat(response.body()).contains("\"total\"");
            });
  }

  private static String kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return Commands.require(command, Path.of("."), Duration.ofMinutes(6));
  }
}
