package com.hrt.sre.gitops.sync;

import static com.hrt.sre.gitops.sync.TestRepository.configMap;
import static com.hrt.sre.gitops.sync.TestRepository.kustomization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The watcher as a service: it polls on its own, and says how it is doing on /metrics and /health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitopsWatcherServiceTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ServerSideApplyMockServer server;
  private static TestRepository repo;
  private static String firstCommit;

  @LocalServerPort int port;

  @AfterAll
  static void stopCluster() {
    if (server != null) {
      server.close();
    }
  }

  @DynamicPropertySource
  static void watchedRepository(DynamicPropertyRegistry registry) throws IOException {
    server = new ServerSideApplyMockServer();
    Path kubectl = ExternalTool.require("kubectl with kustomize (TOOLCHAIN.md)", "kubectl");
    Path dir = Files.createTempDirectory("gitops-service-repo");
    repo = TestRepository.create(dir);
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"));
    firstCommit = repo.commit("first");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("gitops.repository", () -> dir.toString());
    registry.add("gitops.path", () -> TestRepository.OVERLAY);
    registry.add(
        "gitops.work-dir", () -> dir.resolveSibling(dir.getFileName() + "-work").toString());
    registry.add("gitops.poll-interval", () -> "200ms");
    registry.add("gitops.kubectl", kubectl::toString);
  }

  /** The app's Kubernetes client, pointed at the mock API server instead of a kube context. */
  @TestBean KubernetesClient kubernetesClient;

  static KubernetesClient kubernetesClient() {
    return server.client();
  }

  @Test
  void metricsCountTheSyncAndNameTheAppliedCommit() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(get("/metrics")).contains("gitops_last_applied_commit_info"));

    String metrics = get("/metrics");
    assertThat(metrics)
        .containsPattern("gitops_sync_total\\{[^}]*result=\"success\"[^}]*} 1\\.0")
        .containsPattern("gitops_sync_total\\{[^}]*result=\"failure\"[^}]*} ")
        .containsPattern(
            "gitops_last_applied_commit_info\\{[^}]*commit=\""
                + firstCommit
                + "\"[^}]*} 1(\\.0)?\n")
        .containsPattern("gitops_last_sync_timestamp_seconds\\{[^}]*} [1-9]");
  }

  @Test
  void aBrokenCommitTurnsHealthDownButNotLivenessAndKeepsItDownPollAfterPoll() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/metrics").contains(firstCommit));
    repo.write("kustomization.yaml", kustomization("settings.yaml", "missing.yaml"))
        .commit("broken");

    await().atMost(Duration.ofSeconds(60)).until(() -> status("/health") == 503);
    assertThat(status("/health/liveness")).isEqualTo(200);
    // At least 1: each later poll that finds the same broken tip counts again (checked below).
    assertThat(Double.parseDouble(metric(get("/metrics"), failures()))).isGreaterThanOrEqualTo(1);
    assertThat(
            server.client().configMaps().inNamespace("portal").withName("settings").get().getData())
        .containsEntry("setting", "one");

    // Later polls find the same broken tip: still a failure, never "up to date" (200 ms polls).
    String lastSync = metric(get("/metrics"), "gitops_last_sync_timestamp_seconds");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Double.parseDouble(metric(get("/metrics"), failures())) >= 4);
    assertThat(status("/health")).isEqualTo(503);
    assertThat(metric(get("/metrics"), "gitops_last_sync_timestamp_seconds")).isEqualTo(lastSync);
  }

  private static String failures() {
    return "gitops_sync_total\\{[^}]*result=\"failure\"[^}]*}";
  }

  /** The value of the first series whose name and labels match {@code series} (a regex). */
  private static String metric(String metrics, String series) {
    Matcher matcher = Pattern.compile("(?m)^" + series + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
    assertThat(matcher.find()).as("series %s in %s", series, metrics).isTrue();
    return matcher.group(2);
  }

  private String get(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
  }

  private int status(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
  }
}
