package com.hrt.sre.mockslack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dead man's switch with the real binaries: Prometheus evaluating the repository's Watchdog
 * rule, Alertmanager with the repository's alertmanager.yml (timings shortened to seconds, the
 * mock-slack address pointed here), and mock-slack. The heartbeat arrives and the pipeline is
 * healthy; Prometheus is stopped and the pipeline turns silent.
 *
 * <p>Timings here: Prometheus evaluates every 1s and re-sends every 1s, so Alertmanager holds the
 * Watchdog for 4s after Prometheus stops (4 x the resend delay); Alertmanager's group timings are
 * 1s, so a heartbeat arrives every ~2s; mock-slack expects one every 2s and calls the pipeline
 * silent after 3 missed (6s).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "mockslack.pipeline.heartbeat-interval=2s",
      "mockslack.pipeline.missed-heartbeats=3"
    })
class PipelineEndToEndTest {

  static final Duration BOUND = Duration.ofSeconds(90);
  static final Path REPO_PROMETHEUS = Path.of("..", "prometheus").toAbsolutePath().normalize();

  @LocalServerPort int port;
  @TempDir Path dir;
  ManagedProcess alertmanager;
  ManagedProcess prometheus;

  @AfterEach
  void stop() {
    for (ManagedProcess process : new ManagedProcess[] {prometheus, alertmanager}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void heartbeatsMakeThePipelineHealthyAndAStoppedPrometheusMakesItSilent() throws IOException {
    Path amBinary =
        ExternalTool.require(
            "apt-get install prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    Path promBinary = ExternalTool.require("apt-get install prometheus", "prometheus");
    MockSlackClient mockSlack = new MockSlackClient(port);
    String alertmanagerUrl = startAlertmanager(amBinary, mockSlack.baseUrl());
    startPrometheus(promBinary, alertmanagerUrl);

    await("the pipeline turns healthy (logs in target/pipeline-*.log)")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> status(mockSlack).get("status").asString().equals("healthy"));
    assertThat(mockSlack.metric("mockslack_pipeline_healthy")).isEqualTo(1);
    assertThat(mockSlack.messages(java.util.Map.of()).get("count").asInt())
        .as("heartbeats clutter no channel")
        .isZero();

    prometheus.close();
    Instant stopped = Instant.now();

    JsonNode silent =
        await("the pipeline turns silent after Prometheus stopped")
            .atMost(BOUND)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> status(mockSlack), s -> s.get("status").asString().equals("silent"));
    Instant lastHeartbeat = Instant.parse(silent.get("lastHeartbeat").asString());
    assertThat(Instant.parse(silent.get("silentSince").asString())).isEqualTo(lastHeartbeat);
    // Heartbeats went on only while Alertmanager still held the Watchdog (4s, plus a flush).
    assertThat(lastHeartbeat).isBefore(stopped.plusSeconds(8));
    assertThat(mockSlack.metric("mockslack_pipeline_healthy")).isZero();
  }

  private static JsonNode status(MockSlackClient mockSlack) {
    return MockSlackClient.json(mockSlack.get("/api/pipeline").body());
  }

  /** The repository's alertmanager.yml and templates, in seconds, posting to this mock-slack. */
  private String startAlertmanager(Path binary, String mockSlackUrl) throws IOException {
    String config =
        Files.readString(REPO_PROMETHEUS.resolve("alertmanager.yml"))
            .replace("http://mock-slack.hrt-sre.svc:8081", mockSlackUrl)
            .replaceAll(
                "(?m)^(\\s*(?:group_wait|group_interval|repeat_interval)): \\S+$", "$1: 1s");
    assertThat(config).contains(mockSlackUrl + "/api/pipeline/heartbeat");
    Path configFile = dir.resolve("alertmanager/alertmanager.yml");
    Files.createDirectories(configFile.getParent().resolve("templates"));
    Files.writeString(configFile, config);
    Files.copy(
        REPO_PROMETHEUS.resolve("templates/slack.tmpl"),
        configFile.getParent().resolve("templates/slack.tmpl"));
    int amPort = FreePort.pick();
    String url = "http://127.0.0.1:" + amPort;
    alertmanager =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + configFile,
                    "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address=",
                    "--storage.path=" + dir.resolve("alertmanager/data")),
                Path.of("target", "pipeline-alertmanager.log"))
            .awaitHttpOk(url + "/-/ready", Duration.ofSeconds(30));
    return url;
  }

  /** Prometheus evaluating the repository's platform rules (the Watchdog), every second. */
  private void startPrometheus(Path binary, String alertmanagerUrl) throws IOException {
    Path configFile = dir.resolve("prometheus/prometheus.yml");
    Files.createDirectories(configFile.getParent());
    Files.writeString(
        configFile,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['%s']
        """
            .formatted(
                REPO_PROMETHEUS.resolve("rules/platform.alerts.yml"),
                alertmanagerUrl.replace("http://", "")));
    int promPort = FreePort.pick();
    prometheus =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + dir.resolve("prometheus/data"),
                    "--web.listen-address=127.0.0.1:" + promPort,
                    "--rules.alert.resend-delay=1s"),
                Path.of("target", "pipeline-prometheus.log"))
            .awaitHttpOk("http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(30));
  }
}
