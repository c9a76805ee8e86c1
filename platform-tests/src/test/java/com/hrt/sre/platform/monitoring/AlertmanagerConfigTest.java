package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        assertThat(receiver).as("the heartbeat goes nowhere visible").containsOnlyKeys("name");
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
