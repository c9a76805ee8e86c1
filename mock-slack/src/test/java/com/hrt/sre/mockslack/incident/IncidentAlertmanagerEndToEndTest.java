package com.hrt.sre.mockslack.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.mockslack.MockSlackClient;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Silences made from mock-slack in the real Alertmanager (Debian {@code prometheus-alertmanager}),
 * whose Slack notifier delivers to this mock-slack and re-sends a firing alert every 2 seconds: the
 * silence is listed by Alertmanager's API with the expected matchers, the next notifications are
 * suppressed, and Expire lifts it. A silence made with {@code amtool} shows on the message too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class IncidentAlertmanagerEndToEndTest {

  static final Duration BOUND = Duration.ofSeconds(30);
  static final int MOCK_SLACK_PORT = FreePort.pick();
  static final int ALERTMANAGER_PORT = FreePort.pick();
  static final String ALERTMANAGER = "http://127.0.0.1:" + ALERTMANAGER_PORT;
  static final String ALERT = "IncidentE2eAlert";

  @TempDir static Path dir;
  static ManagedProcess alertmanager;

  MockSlackClient client;
  IncidentHttp http;

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> MOCK_SLACK_PORT);
    registry.add("mockslack.alertmanager.url", () -> ALERTMANAGER);
    registry.add("mockslack.alertmanager.sync-interval", () -> "1s");
  }

  @BeforeAll
  static void startAlertmanager() throws IOException {
    Path binary =
        ExternalTool.require(
            "apt-get install prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, config("http://127.0.0.1:" + MOCK_SLACK_PORT));
    alertmanager =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + ALERTMANAGER_PORT,
                    "--cluster.listen-address=",
                    "--storage.path=" + dir.resolve("data")),
                Path.of("target", "alertmanager-incident-e2e.log"))
            .awaitHttpOk(ALERTMANAGER + "/-/ready", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  /** The playground's Slack receiver shape (label fields severity, service), re-sent every 2s. */
  static String config(String mockSlackUrl) {
    return """
        route:
          receiver: slack-alerts
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 2s
        receivers:
          - name: slack-alerts
            slack_configs:
              - api_url: %s/services/T000/B001/YYY
                channel: '#alerts'
                send_resolved: true
                title: '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}'
                fields:
                  - title: severity
                    value: '{{ .CommonLabels.severity }}'
                    short: true
                  - title: service
                    value: '{{ .CommonLabels.service }}'
                    short: true
        """
        .formatted(mockSlackUrl);
  }

  @BeforeEach
  void setUp() {
    client = new MockSlackClient(MOCK_SLACK_PORT);
    http = new IncidentHttp(client);
  }

  @Test
  void silenceFromMockSlackSuppressesTheAlertAndExpireLiftsIt() {
    String alertname = ALERT + "Silenced";
    postAlert(alertname);
    long id = awaitNotifications(alertname, 1).get(0).get("id").asLong();

    HttpResponse<String> created =
        http.silence(id, "{\"duration\":\"30m\",\"comment\":\"e2e\",\"by\":\"ann\"}", Map.of());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String silenceId = IncidentHttp.json(created).get("silenceId").asString();
    JsonNode listed = silence(silenceId);
    assertThat(listed.get("status").get("state").asString()).isEqualTo("active");
    assertThat(listed.get("createdBy").asString()).isEqualTo("ann");
    List<String> matchers = new ArrayList<>();
    listed
        .get("matchers")
        .forEach(
            m ->
                matchers.add(
                    m.get("name").asString()
                        + "="
                        + m.get("value").asString()
                        + (m.get("isRegex").asBoolean() ? " regex" : "")));
    assertThat(matchers)
        .containsExactly("alertname=" + alertname, "service=portal", "severity=page");

    // Alertmanager holds the alert back, and no notification follows for several repeat intervals.
    await("Alertmanager marks the alert suppressed by the silence")
        .atMost(BOUND)
        .until(() -> alertState(alertname).contains(silenceId));
    int before = notifications(alertname).size();
    await("no notification while silenced (repeat_interval is 2s)")
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(10))
        .until(() -> notifications(alertname).size() == before);

    HttpResponse<String> expired = http.expire(id, Map.of());

    assertThat(expired.statusCode()).as(expired.body()).isEqualTo(200);
    assertThat(IncidentHttp.json(expired).get("silence").isNull()).isTrue();
    assertThat(silence(silenceId).get("status").get("state").asString()).isEqualTo("expired");
    awaitNotifications(alertname, before + 1);
  }

  @Test
  void silenceMadeWithAmtoolShowsOnTheMessageAndGoesWhenExpired() throws Exception {
    Path amtool = ExternalTool.require("apt-get install prometheus-alertmanager", "amtool");
    String alertname = ALERT + "Amtool";
    postAlert(alertname);
    long id = awaitNotifications(alertname, 1).get(0).get("id").asLong();

    String silenceId =
        run(
                amtool.toString(),
                "silence",
                "add",
                "--alertmanager.url=" + ALERTMANAGER,
                "--author=bob",
                "--comment=from amtool",
                "--duration=1h",
                "alertname=" + alertname)
            .strip();

    await("the message shows the amtool silence")
        .atMost(BOUND)
        .until(() -> silenceIdOf(id).equals(silenceId));
    assertThat(http.message(id).get("silence").get("createdBy").asString()).isEqualTo("bob");

    run(amtool.toString(), "silence", "expire", "--alertmanager.url=" + ALERTMANAGER, silenceId);

    await("the message no longer shows it").atMost(BOUND).until(() -> silenceIdOf(id).isEmpty());
  }

  private String silenceIdOf(long id) {
    JsonNode silence = http.message(id).get("silence");
    return silence == null || silence.isNull() ? "" : silence.get("id").asString();
  }

  private List<JsonNode> notifications(String alertname) {
    List<JsonNode> found = new ArrayList<>();
    client
        .messages(Map.of("channel", "#alerts", "status", "firing", "limit", "1000"))
        .get("messages")
        .forEach(
            m -> {
              if (alertname.equals(m.path("alertname").asString(""))) {
                found.add(m);
              }
            });
    return found;
  }

  private List<JsonNode> awaitNotifications(String alertname, int atLeast) {
    return await(atLeast + " notification(s) of " + alertname)
        .atMost(BOUND)
        .until(() -> notifications(alertname), list -> list.size() >= atLeast);
  }

  private void postAlert(String alertname) {
    String alert =
        """
        [{"labels": {"alertname": "%s", "severity": "page", "service": "portal"},
          "annotations": {"summary": "e2e", "runbook_url": "https://example.org/runbook.md"},
          "startsAt": "%s"}]
        """
            .formatted(alertname, Instant.now());
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(ALERTMANAGER + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private JsonNode silence(String silenceId) {
    return MockSlackClient.json(
        send(HttpRequest.newBuilder(URI.create(ALERTMANAGER + "/api/v2/silence/" + silenceId))
                .build())
            .body());
  }

  /** The alert's status in Alertmanager ({@code state} and {@code silencedBy}), as text. */
  private String alertState(String alertname) {
    JsonNode alerts =
        MockSlackClient.json(
            send(HttpRequest.newBuilder(URI.create(ALERTMANAGER + "/api/v2/alerts")).build())
                .body());
    for (JsonNode alert : alerts) {
      if (alertname.equals(alert.get("labels").path("alertname").asString(""))) {
        return alert.get("status").toString();
      }
    }
    return "";
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
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
