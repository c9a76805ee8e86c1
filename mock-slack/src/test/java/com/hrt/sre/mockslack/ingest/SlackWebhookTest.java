package com.hrt.sre.mockslack.ingest;

import static com.hrt.sre.mockslack.MockSlackClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Slack incoming-webhook API with the payloads Alertmanager 0.25 really sent (captured from the
 * Debian binary, see fixtures/alertmanager-0.25/capture-alertmanager.yml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackWebhookTest {

  @LocalServerPort int port;
  MockSlackClient client;

  @BeforeEach
  void emptyStore() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
  }

  @Test
  void repliesExactlyLikeSlackWithPlainTextOk() {
    HttpResponse<String> response = client.postSlack(fixture("slack-default-firing"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
  }

  @Test
  void acceptsAnyTeamChannelAndTokenInThePath() {
    assertThat(client.postJson("/services/TABC/B123/secret", "{\"text\":\"a\"}").body())
        .isEqualTo("ok");
    assertThat(client.postJson("/services/T1/C2/xyz", "{\"text\":\"b\"}").body()).isEqualTo("ok");
  }

  @Test
  void defaultTemplateFiringIsShownAsFiringAlertWithItsCountInItsChannel() {
    client.postSlack(fixture("slack-default-firing"));

    JsonNode message = client.messagesIn("#alerts").get(0);
    assertThat(message.get("source").asString()).isEqualTo("slack");
    assertThat(message.get("status").asString()).isEqualTo("firing");
    assertThat(message.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(message.get("alertCount").asInt()).isEqualTo(2);
    assertThat(message.get("color").asString()).isEqualTo("danger");
    assertThat(message.get("username").asString()).isEqualTo("Alertmanager");
    JsonNode attachment = message.get("attachments").get(0);
    assertThat(attachment.get("title").asString())
        .isEqualTo("[FIRING:2] PortalHighErrorRate default (portal portal page)");
    assertThat(attachment.get("titleLink").asString())
        .isEqualTo("http://vm:18556/#/alerts?receiver=slack-default");
    assertThat(attachment.get("mrkdwnIn").size()).isEqualTo(3);
  }

  @Test
  void defaultTemplateResolvedIsShownAsResolved() {
    client.postSlack(fixture("slack-default-resolved"));

    JsonNode message = client.messagesIn("#alerts").get(0);
    assertThat(message.get("status").asString()).isEqualTo("resolved");
    assertThat(message.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(message.get("color").asString()).isEqualTo("good");
  }

  @Test
  void customTitleAndTextKeepSummaryRunbookSeverityAndFields() {
    client.postSlack(fixture("slack-custom-firing"));

    JsonNode message = client.messagesIn("#alerts-critical").get(0);
    assertThat(message.get("status").asString()).isEqualTo("firing");
    assertThat(message.get("alertname").asString()).isEqualTo("PortalHighErrorRate");
    assertThat(message.get("severity").asString()).isEqualTo("page");
    assertThat(message.get("iconEmoji").asString()).isEqualTo(":rotating_light:");
    JsonNode attachment = message.get("attachments").get(0);
    assertThat(attachment.get("title").asString()).isEqualTo("[FIRING:2] PortalHighErrorRate");
    assertThat(attachment.get("text").asString())
        .contains("*Portal error ratio is 23.4% (threshold 10%)*")
        .contains("Runbook: https://github.com/hrt/sre-playground/blob/main/docs/runbooks/");
    assertThat(attachment.get("fields").get(1).get("title").asString()).isEqualTo("service");
    assertThat(attachment.get("fields").get(1).get("value").asString()).isEqualTo("portal");
    assertThat(attachment.get("fields").get(1).get("short").asBoolean()).isTrue();
  }

  @Test
  void customResolvedIsShownAsResolvedInTheSameChannel() {
    client.postSlack(fixture("slack-custom-firing"));
    client.postSlack(fixture("slack-custom-resolved"));

    JsonNode messages = client.messagesIn("#alerts-critical");
    assertThat(messages.size()).isEqualTo(2);
    assertThat(messages.get(0).get("status").asString()).isEqualTo("resolved");
    assertThat(messages.get(1).get("status").asString()).isEqualTo("firing");
  }

  @Test
  void messageWithoutChannelGoesToTheDefaultChannel() {
    client.postSlack("{\"text\":\"hello from curl\"}");

    JsonNode message = client.messagesIn("#general").get(0);
    assertThat(message.get("text").asString()).isEqualTo("hello from curl");
    assertThat(message.get("status").asString()).isEqualTo("info");
  }

  @Test
  void channelWithoutHashIsNormalizedLikeSlack() {
    client.postSlack("{\"text\":\"x\",\"channel\":\"ops\"}");

    assertThat(client.messagesIn("#ops").size()).isEqualTo(1);
  }

  @Test
  void blocksAreKeptAsTheirReadableText() {
    client.postSlack(
        """
        {"channel":"#alerts","blocks":[
          {"type":"header","text":{"type":"plain_text","text":"Portal is down"}},
          {"type":"section","text":{"type":"mrkdwn","text":"*5xx ratio* 42%"},
           "fields":[{"type":"mrkdwn","text":"*severity*\\npage"}]},
          {"type":"divider"}]}
        """);

    JsonNode blocks = client.messagesIn("#alerts").get(0).get("blocks");
    assertThat(blocks.size()).isEqualTo(2);
    assertThat(blocks.get(0).get("type").asString()).isEqualTo("header");
    assertThat(blocks.get(0).get("text").asString()).isEqualTo("Portal is down");
    assertThat(blocks.get(1).get("text").asString()).isEqualTo("*5xx ratio* 42%\n*severity*\npage");
  }

  @Test
  void formPostWithPayloadFieldIsAcceptedLikeSlack() {
    String json = "{\"text\":\"from a form\",\"channel\":\"#forms\"}";
    HttpResponse<String> response =
        client.post(
            MockSlackClient.SLACK_PATH,
            "application/x-www-form-urlencoded",
            "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8));

    assertThat(response.body()).isEqualTo("ok");
    assertThat(client.messagesIn("#forms").get(0).get("text").asString()).isEqualTo("from a form");
  }

  @Test
  void acceptedMessagesAreCountedByChannelAndSource() {
    Map<String, String> series = Map.of("channel", "#counted", "source", "slack");
    double before = client.metric("mockslack_messages_received_total", series);

    client.postSlack("{\"text\":\"1\",\"channel\":\"#counted\"}");
    client.postSlack("{\"text\":\"2\",\"channel\":\"#counted\"}");

    assertThat(client.metric("mockslack_messages_received_total", series)).isEqualTo(before + 2);
  }
}
