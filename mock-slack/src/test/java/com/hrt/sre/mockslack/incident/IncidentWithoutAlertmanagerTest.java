package com.hrt.sre.mockslack.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** No {@code MOCKSLACK_ALERTMANAGER_URL}: the API says silences are unavailable, and why. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentWithoutAlertmanagerTest {

  @LocalServerPort int port;

  @Test
  void silenceIsUnavailableWithAReasonAndAcknowledgeStillWorks() {
    MockSlackClient client = new MockSlackClient(port);
    client.delete("/api/messages");
    IncidentHttp http = new IncidentHttp(client);
    long id = http.postWebhook("webhook-firing", "#alerts");

    JsonNode actions = IncidentHttp.json(http.send("GET", "/api/actions", null, Map.of()));
    HttpResponse<String> silence =
        http.silence(id, "{\"duration\":\"1h\",\"comment\":\"c\",\"by\":\"ann\"}", Map.of());
    HttpResponse<String> ack = http.ack(id, "{\"by\":\"ann\"}", Map.of());

    assertThat(actions.get("silence").asBoolean()).isFalse();
    assertThat(actions.get("reason").asString()).contains("MOCKSLACK_ALERTMANAGER_URL");
    assertThat(silence.statusCode()).isEqualTo(503);
    assertThat(IncidentHttp.json(silence).get("error").asString())
        .isEqualTo("alertmanager_not_configured");
    assertThat(IncidentHttp.json(silence).get("message").asString())
        .contains("MOCKSLACK_ALERTMANAGER_URL");
    assertThat(http.message(id).get("silence").isNull()).isTrue();
    assertThat(ack.statusCode()).isEqualTo(200);
  }
}
