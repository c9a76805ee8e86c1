package com.hrt.sre.mockslack.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/pipeline/heartbeat} and {@code GET /api/pipeline} over HTTP, with the webhook
 * payloads the real Alertmanager 0.25 sends. Its own context: the first heartbeat must be its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "mockslack.pipeline.heartbeat-interval=1h")
class PipelineApiTest {

  @LocalServerPort int port;

  @Test
  void aFiringNotificationIsAHeartbeatAndNoMessageIsStored() {
    MockSlackClient client = new MockSlackClient(port);
    JsonNode before = MockSlackClient.json(client.get("/api/pipeline").body());
    assertThat(before.get("status").asString()).isEqualTo("unknown");
    assertThat(before.get("lastHeartbeat").isNull()).isTrue();
    int channels = MockSlackClient.json(client.get("/api/channels").body()).size();

    HttpResponse<String> resolved =
        client.postJson("/api/pipeline/heartbeat", MockSlackClient.fixture("webhook-resolved"));
    assertThat(resolved.statusCode()).isEqualTo(200);
    assertThat(MockSlackClient.json(resolved.body()).get("heartbeat").asBoolean())
        .as("a resolved notification is no sign of life")
        .isFalse();
    assertThat(client.metric("mockslack_pipeline_heartbeats_total")).isZero();

    HttpResponse<String> firing =
        client.postJson("/api/pipeline/heartbeat", MockSlackClient.fixture("webhook-firing"));

    assertThat(firing.statusCode()).isEqualTo(200);
    JsonNode status = MockSlackClient.json(client.get("/api/pipeline").body());
    assertThat(status.get("status").asString()).isEqualTo("healthy");
    assertThat(status.get("lastHeartbeat").asString()).isNotBlank();
    assertThat(status.get("expectedIntervalSeconds").asLong()).isEqualTo(3600);
    assertThat(client.metric("mockslack_pipeline_healthy")).isEqualTo(1);
    assertThat(client.metric("mockslack_pipeline_heartbeats_total")).isEqualTo(1);
    assertThat(client.metric("mockslack_pipeline_last_heartbeat_seconds")).isPositive();
    assertThat(MockSlackClient.json(client.get("/api/channels").body()).size())
        .as("heartbeats clutter no channel")
        .isEqualTo(channels);
  }

  @Test
  void aBadHeartbeatBodyIsA400CountedAndNoHeartbeat() {
    MockSlackClient client = new MockSlackClient(port);
    double heartbeats = client.metric("mockslack_pipeline_heartbeats_total");
    Map<String, String> reason = Map.of("reason", "missing_field");
    double rejected = client.metric("mockslack_rejected_requests_total", reason);

    HttpResponse<String> response =
        client.postJson("/api/pipeline/heartbeat", "{\"version\":\"4\",\"status\":\"firing\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"error\":\"missing_field\"");
    assertThat(client.metric("mockslack_rejected_requests_total", reason)).isEqualTo(rejected + 1);
    assertThat(client.metric("mockslack_pipeline_heartbeats_total")).isEqualTo(heartbeats);
  }
}
