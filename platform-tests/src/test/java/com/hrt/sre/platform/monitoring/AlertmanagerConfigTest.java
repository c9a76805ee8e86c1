package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * prometheus/alertmanager.yml and its local rendering pass amtool, route each severity to its
 * channel, and differ only in the mock-slack address.
 */
class AlertmanagerConfigTest {

  private static Path clusterConfig() {
    return MonitoringFiles.prometheusDir().resolve("alertmanager.yml");
  }

  @Test
  void clusterConfigPassesAmtoolWithItsTemplates() {
    Tools.Result result =
        Tools.run(
            MonitoringFiles.prometheusDir(),
            Tools.amtool(),
            "check-config",
            clusterConfig().toString());

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.output()).contains("1 templates").contains("SUCCESS");
  }

  @Test
  void renderedLocalConfigPassesAmtoolWithItsTemplates(@TempDir Path dir) {
    Path local = MonitoringFiles.renderLocal(dir).resolve("alertmanager/alertmanager.yml");

    Tools.Result result = Tools.run(dir, Tools.amtool(), "check-config", local.toString());

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.output()).contains("1 templates").contains("SUCCESS");
  }

  @Test
  void renderedLocalConfigDiffersOnlyInTheMockSlackAddress(@TempDir Path dir) {
    String cluster = MonitoringFiles.read(clusterConfig());
    String local =
        MonitoringFiles.read(
            MonitoringFiles.renderLocal(dir).resolve("alertmanager/alertmanager.yml"));

    assertThat(local)
        .isEqualTo(
            cluster.replace("http://mock-slack.hrt-sre.svc:8081/", "http://127.0.0.1:8081/"));
    assertThat(cluster).contains("http://mock-slack.hrt-sre.svc:8081/services/");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "alertname=PortalHighErrorRate severity=page service=portal, slack-critical",
    "alertname=PortalSLOBurnSlow severity=ticket service=portal, slack-alerts",
    "alertname=BatchSyncFailed severity=ticket service=batch-sync, slack-alerts",
    "alertname=Watchdog severity=ticket service=monitoring, heartbeat",
    "alertname=AlertmanagerNotificationsFailing severity=page service=alertmanager, slack-critical",
    "alertname=Unlabelled, slack-alerts",
  })
  void routesEachAlertToTheReceiverItsSeveritySays(String labels, String receiver) {
    List<String> args =
        new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + clusterConfig()));
    args.addAll(List.of(labels.split(" ")));

    Tools.Result result =
        Tools.run(MonitoringFiles.prometheusDir(), Tools.amtool(), args.toArray(String[]::new));

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.output().lines().filter(l -> !l.startsWith("Warning")).toList())
        .containsExactly(receiver);
  }

  @Test
  @SuppressWarnings("unchecked")
  void slackReceiversPostToTheirChannelWithResolvedMessagesAndTheTemplates() {
    Map<String, Object> config = MonitoringFiles.yaml(clusterConfig());
    Map<String, String> channels =
        Map.of("slack-critical", "#alerts-critical", "slack-alerts", "#alerts");

    for (Map<String, Object> receiver : (List<Map<String, Object>>) config.get("receivers")) {
      String name = (String) receiver.get("name");
      if (name.equals("heartbeat")) {
        assertThat(receiver)
            .as("the heartbeat goes to no channel")
            .doesNotContainKey("slack_configs");
        assertThat((List<Map<String, Object>>) receiver.get("webhook_configs"))
            .as("the heartbeat feeds mock-slack's dead man's switch, firing only")
            .containsExactly(
                Map.of(
                    "url",
                    "http://mock-slack.hrt-sre.svc:8081/api/pipeline/heartbeat",
                    "send_resolved",
                    false));
        continue;
      }
      Map<String, Object> slack =
          ((List<Map<String, Object>>) receiver.get("slack_configs")).get(0);
      assertThat(slack)
          .as(name)
          .containsEntry("channel", channels.get(name))
          .containsEntry("send_resolved", true)
          .containsEntry("title", "{{ template \"hrt.slack.title\" . }}")
          .containsEntry("text", "{{ template \"hrt.slack.text\" . }}");
    }
  }

  /**
   * Alertmanager re-sends a firing group at the first group_interval tick after repeat_interval, so
   * the heartbeat's period is their sum; mock-slack's expected interval must be that period, or its
   * dead man's switch calls a healthy pipeline silent (or notices a silent one late).
   */
  @Test
  @SuppressWarnings("unchecked")
  void theHeartbeatPeriodIsTheIntervalMockSlackExpects() {
    Map<String, Object> route =
        (Map<String, Object>) MonitoringFiles.yaml(clusterConfig()).get("route");
    Map<String, Object> heartbeat =
        ((List<Map<String, Object>>) route.get("routes"))
            .stream()
                .filter(r -> List.of("alertname=\"Watchdog\"").equals(r.get("matchers")))
                .findFirst()
                .orElseThrow();
    Duration period =
        seconds(heartbeat.getOrDefault("repeat_interval", route.get("repeat_interval")))
            .plus(seconds(heartbeat.getOrDefault("group_interval", route.get("group_interval"))));

    String properties =
        MonitoringFiles.read(
            RepoFiles.resolve("mock-slack/src/main/resources/application.properties"));
    Matcher expected =
        Pattern.compile("(?m)^mockslack\\.pipeline\\.heartbeat-interval=\\$\\{[A-Z_]+:(\\d+)s}$")
            .matcher(properties);
    assertThat(expected.find()).as("mock-slack's heartbeat-interval default").isTrue();
    assertThat(period).isEqualTo(Duration.ofSeconds(Long.parseLong(expected.group(1))));
  }

  /** Alertmanager durations as this file writes them: 30s, 1m, 4h. */
  private static Duration seconds(Object value) {
    Matcher m = Pattern.compile("(\\d+)([smh])").matcher(value.toString());
    assertThat(m.matches()).as("duration %s", value).isTrue();
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPageHoldsBackTheTicketsOfTheSameServiceButNeverTheHeartbeat() {
    List<Map<String, Object>> inhibitRules =
        (List<Map<String, Object>>) MonitoringFiles.yaml(clusterConfig()).get("inhibit_rules");

    assertThat(inhibitRules)
        .containsExactly(
            Map.of(
                "source_matchers", List.of("severity=\"page\""),
                "target_matchers", List.of("severity=\"ticket\"", "alertname!=\"Watchdog\""),
                "equal", List.of("service")));
  }
}
