package com.hrt.sre.mockslack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The real Alertmanager (Debian {@code prometheus-alertmanager}) with its own Slack notifier
 * pointed at mock-slack, configured the way the playground's alertmanager.yml does it: paging
 * alerts to {@code #alerts-critical}, the rest to {@code #alerts}, resolved notifications on, and a
 * webhook receiver alongside. Timings are shortened so the whole cycle takes seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertmanagerEndToEndTest {

  static final Duration BOUND = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @TempDir Path dir;
  MockSlackClient mockSlack;
  ManagedProcess alertmanager;
  String alertmanagerUrl;

  @BeforeEach
  void startAlertmanager() throws IOException {
    Path binary =
        ExternalTool.require(
            "apt-get install prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    mockSlack = new MockSlackClient(port);
    mockSlack.delete("/api/messages");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, config(mockSlack.baseUrl()));
    int amPort = FreePort.pick();
    alertmanagerUrl = "http://127.0.0.1:" + amPort;
    alertmanager =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address=",
                    "--storage.path=" + dir.resolve("data")),
                Path.of("target", "alertmanager-e2e.log"))
            .awaitHttpOk(alertmanagerUrl + "/-/ready", Duration.ofSeconds(30));
  }

  @AfterEach
  void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  static String config(String mockSlackUrl) {
    return """
        global:
          resolve_timeout: 5s
        route:
          receiver: slack-alerts
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
          routes:
            - receiver: webhook
              continue: true
            - matchers: ['severity="page"']
              receiver: slack-critical
            - receiver: slack-alerts
        receivers:
          - name: slack-critical
            slack_configs:
              - api_url: %1$s/services/T000/B000/XXX
                channel: '#alerts-critical'
                send_resolved: true
                title: '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}'
                text: '{{ range .Alerts }}*{{ .Annotations.summary }}* {{ .Annotations.runbook_url }}{{ end }}'
          - name: slack-alerts
            slack_configs:
              - api_url: %1$s/services/T000/B001/YYY
                channel: '#alerts'
                send_resolved: true
          - name: webhook
            webhook_configs:
              - url: %1$s/api/alertmanager?channel=%%23webhook
                send_resolved: true
        """
        .formatted(mockSlackUrl);
  }

  @Test
  void pagingAlertArrivesInAlertsCriticalAndItsResolutionFollows() {
    postAlert("PortalHighErrorRate", "page", Instant.now().plusSeconds(4));

    JsonNode firing = awaitMessage("#alerts-critical", "firing");
    assertThat(firing.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(firing.get("attachments").get(0).get("text").asString())
        .contains("*Portal error ratio is 23% (threshold 10%)*")
        .contains("docs/runbooks/PortalHighErrorRate.md");

    JsonNode resolved = awaitMessage("#alerts-critical", "resolved");
    assertThat(resolved.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(resolved.get("color").asString()).isEqualTo("good");
    assertThat(slackFailures()).isZero();
    assertThat(slackDeliveries()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ticketAlertArrivesInAlertsAndTheWebhookKeepsItsStructure() {
    postAlert("PortalHighLatency", "ticket", Instant.now().plus(1, ChronoUnit.HOURS));

    JsonNode slack = awaitMessage("#alerts", "firing");
    assertThat(slack.get("alertname").asString()).isEqualTo("PortalHighLatency");
    JsonNode webhook = awaitMessage("#webhook", "firing");
    JsonNode alert = webhook.get("group").get("alerts").get(0);
    assertThat(alert.get("alertname").asString()).isEqualTo("PortalHighLatency");
    assertThat(alert.get("severity").asString()).isEqualTo("ticket");
    assertThat(alert.get("runbookUrl").asString()).endsWith("/PortalHighLatency.md");
    assertThat(mockSlack.messagesIn("#alerts-critical").size()).isZero();
    assertThat(slackFailures()).isZero();
  }

  private void postAlert(String alertname, String severity, Instant endsAt) {
    String alert =
        """
        [{"labels": {"alertname": "%1$s", "severity": "%2$s", "service": "portal"},
          "annotations": {"summary": "Portal error ratio is 23%% (threshold 10%%)",
                          "description": "More than 10%% of portal requests failed.",
                          "runbook_url": "https://github.com/hrt/sre-playground/blob/main/docs/runbooks/%1$s.md"},
          "startsAt": "%3$s", "endsAt": "%4$s",
          "generatorURL": "http://prometheus:9090/graph"}]
        """
            .formatted(alertname, severity, Instant.now(), endsAt);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private JsonNode awaitMessage(String channel, String status) {
    return await(
            "a "
                + status
                + " message in "
                + channel
                + " (alertmanager log: target/alertmanager-e2e.log)")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                StreamSupport.stream(
                        mockSlack
                            .messages(Map.of("channel", channel, "status", status))
                            .get("messages")
                            .spliterator(),
                        false)
                    .findFirst()
                    .orElse(null),
            message -> message != null);
  }

  private double slackFailures() {
    return alertmanagerMetric("alertmanager_notifications_failed_total");
  }

  private double slackDeliveries() {
    return alertmanagerMetric("alertmanager_notifications_total");
  }

  private double alertmanagerMetric(String name) {
    String metrics =
        send(HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/metrics")).build()).body();
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + "{") && l.contains("integration=\"slack\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
