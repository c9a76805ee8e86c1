package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.platform.RepoFiles;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `make local-down` during an incident, then `make local-up`: the page of an alert that still fires
 * must reach the channel again. The real Alertmanager is started by local-up's own function
 * (scripts/lib-local.sh start_alertmanager) and stopped by scripts/local-down.sh, in a throw-away
 * LOCAL_DIR, on a free port, posting to a stand-in Slack webhook.
 */
class LocalAlertmanagerRestartTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** group_wait (10s) plus slack for a busy machine; repeat_interval (4h) is the failure mode. */
  private static final Duration DELIVERY = Duration.ofSeconds(60);

  private final List<String> slackTitles = new CopyOnWriteArrayList<>();
  private HttpServer slack;
  private Path localDir;
  private Path alertmanagerBinary;
  private int port;

  @BeforeEach
  void renderTheLocalConfigPointingAtAStandInSlack(@TempDir Path dir) throws IOException {
    alertmanagerBinary = Tools.alertmanager();
    ExternalTool.require("apt-get install -y curl", "curl"); // local-down's helpers use it
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/services/",
        exchange -> {
          JsonNode post = JSON.readTree(exchange.getRequestBody().readAllBytes());
          slackTitles.add(post.get("attachments").get(0).get("title").asString());
          byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    slack.start();
    localDir = dir.resolve("local");
    Path config = MonitoringFiles.renderLocal(localDir).resolve("alertmanager/alertmanager.yml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "http://127.0.0.1:8081/",
                "http://127.0.0.1:" + slack.getAddress().getPort() + "/"));
    port = FreePort.pick();
  }

  @AfterEach
  void stop() {
    if (localDir != null) {
      localScript("scripts/local-down.sh");
    }
    if (slack != null) {
      slack.stop(0);
    }
  }

  @Test
  void aPageStillFiringAfterLocalDownAndLocalUpReachesTheChannelAgain() throws Exception {
    Map<String, Object> page = page(Instant.now().minusSeconds(300));
    startAlertmanagerAsLocalUpDoes();
    post("/api/v2/alerts", List.of(page));
    awaitPage();
    String silence = post("/api/v2/silences", silenceOfBatchSyncFailed());

    localScript("scripts/local-down.sh"); // during the incident: no resolved message went out
    assertThat(Files.exists(localDir.resolve("alertmanager/data/nflog")))
        .as("Alertmanager wrote its notification log on shutdown")
        .isTrue();
    slackTitles.clear();
    startAlertmanagerAsLocalUpDoes();
    post("/api/v2/alerts", List.of(page)); // Prometheus re-sends what still fires

    awaitPage();
    assertThat(get("/api/v2/silences"))
        .as("the user's silences survive the restart")
        .contains(JSON.readTree(silence).get("silenceID").asString());
  }

  @Test
  void localUpStartsAlertmanagerThroughThatFunction() throws IOException {
    assertThat(Files.readAllLines(RepoFiles.resolve("scripts/local-up.sh")))
        .contains("start_alertmanager")
        .noneMatch(line -> line.contains("start alertmanager "));
  }

  private void startAlertmanagerAsLocalUpDoes() {
    localScript(
        "source scripts/lib-local.sh && LOCAL_PORT[alertmanager]="
            + port
            + " && start_alertmanager && wait_ready alertmanager 30");
  }

  /** Runs bash code (or a script) from the repository root with this test's LOCAL_DIR. */
  private void localScript(String code) {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", code.endsWith(".sh") ? "bash " + code : code)
            .directory(RepoFiles.root().toFile())
            .redirectErrorStream(true);
    builder.environment().put("LOCAL_DIR", localDir.toString());
    builder.environment().put("ALERTMANAGER_BIN", alertmanagerBinary.toString());
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(code + ":\n" + output).isZero();
    } catch (IOException e) {
      throw new AssertionError(code, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(code, e);
    }
  }

  private void awaitPage() {
    await("[FIRING:1] PortalSLOBurn in the stand-in Slack")
        .atMost(DELIVERY)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> slackTitles.stream().anyMatch(t -> t.startsWith("[FIRING:1] PortalSLOBurn")));
  }

  private static Map<String, Object> page(Instant startsAt) {
    return Map.of(
        "labels",
        Map.of("alertname", "PortalSLOBurn", "severity", "page", "service", "portal"),
        "annotations",
        Map.of("summary", "burning", "description", "burning fast"),
        "startsAt",
        startsAt.toString());
  }

  private static Map<String, Object> silenceOfBatchSyncFailed() {
    return Map.of(
        "matchers",
        List.of(Map.of("name", "alertname", "value", "BatchSyncFailed", "isRegex", false)),
        "startsAt",
        Instant.now().toString(),
        "endsAt",
        Instant.now().plus(Duration.ofHours(1)).toString(),
        "createdBy",
        "test",
        "comment",
        "kept across a restart");
  }

  private String post(String path, Object body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private String get(String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
