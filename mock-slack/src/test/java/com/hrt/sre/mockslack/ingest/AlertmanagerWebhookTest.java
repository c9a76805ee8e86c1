package com.hrt.sre.mockslack.ingest;

import static com.hrt.sre.mockslack.MockSlackClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Alertmanager's webhook API with the version-4 payloads Alertmanager 0.25 really sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertmanagerWebhookTest {

  @LocalServerPort int port;
  MockSlackClient client;

  @BeforeEach
  void emptyStore() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
  }

  @Test
  void firingNotificationKeepsEachAlertsStructure() {
    HttpResponse<String> response = client.postJson("/api/alertmanager", fixture("webhook-firing"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode message = client.messagesIn("#webhook").get(0);
    assertThat(message.get("source").asString()).isEqualTo("webhook");
    assertThat(message.get("status").asString()).isEqualTo("firing");
    assertThat(message.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(message.get("severity").asString()).isEqualTo("page");
    assertThat(message.get("color").asString()).isEqualTo("danger");
    assertThat(message.get("alertCount").asInt()).isEqualTo(2);
    JsonNode group = message.get("group");
    assertThat(group.get("receiver").asString()).isEqualTo("webhook");
    assertThat(group.get("groupLabels").get("alertname").asString())
        .isEqualTo("PortalHighErrorRate");
    JsonNode alert = group.get("alerts").get(0);
    assertThat(alert.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(alert.get("severity").asString()).isEqualTo("page");
    assertThat(alert.get("status").asString()).isEqualTo("firing");
    assertThat(alert.get("summary").asString())
        .isEqualTo("Portal error ratio is 19.0% (threshold 10%)");
    assertThat(alert.get("description").asString()).startsWith("More than 10% of portal");
    assertThat(alert.get("runbookUrl").asString())
        .isEqualTo(
            "https://github.com/hrt/sre-playground/blob/main/docs/runbooks/PortalHighErrorRate.md");
    assertThat(alert.get("fingerprint").asString()).isEqualTo("59eaafa8342c5568");
    assertThat(alert.get("startsAt").asString()).isEqualTo("2026-11-28T15:38:10Z");
    assertThat(alert.get("endsAt").isNull()).as("Go's zero time means no end").isTrue();
    assertThat(alert.get("labels").get("instance").asString()).isEqualTo("portal-2");
  }

  @Test
  void resolvedNotificationIsResolvedWithEndTimes() {
    client.postJson("/api/alertmanager", fixture("webhook-resolved"));

    JsonNode message = client.messagesIn("#webhook").get(0);
    assertThat(message.get("status").asString()).isEqualTo("resolved");
    assertThat(message.get("color").asString()).isEqualTo("good");
    JsonNode alert = message.get("group").get("alerts").get(1);
    assertThat(alert.get("status").asString()).isEqualTo("resolved");
    assertThat(alert.get("endsAt").asString()).isEqualTo("2026-11-28T15:38:16Z");
  }

  @Test
  void channelQueryParameterChoosesTheChannel() {
    client.postJson("/api/alertmanager?channel=%23alerts-critical", fixture("webhook-firing"));

    assertThat(client.messagesIn("#alerts-critical").size()).isEqualTo(1);
    assertThat(client.messagesIn("#webhook").size()).isZero();
  }

  @Test
  void ticketSeverityFiringIsAmber() {
    String ticket = fixture("webhook-firing").replace("\"page\"", "\"ticket\"");
    client.postJson("/api/alertmanager", ticket);

    assertThat(client.messagesIn("#webhook").get(0).get("color").asString()).isEqualTo("warning");
  }

  @Test
  void acceptedNotificationsAreCountedWithSourceWebhook() {
    Map<String, String> series = Map.of("channel", "#webhook", "source", "webhook");
    double before = client.metric("mockslack_messages_received_total", series);

    client.postJson("/api/alertmanager", fixture("webhook-firing"));

    assertThat(client.metric("mockslack_messages_received_total", series)).isEqualTo(before + 1);
  }
}
