package com.hrt.sre.mockslack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The endpoints every playground service has (DESIGN.md), and mock-slack's own metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorEndpointsTest {

  @LocalServerPort int port;

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/health/liveness", "/health/readiness"})
  void probesAnswerUp(String path) {
    var response = new MockSlackClient(port).get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void metricsExposeTheMockSlackSeriesInPrometheusFormat() {
    MockSlackClient client = new MockSlackClient(port);
    client.postSlack("{\"text\":\"counted\",\"channel\":\"#metrics\"}");

    String metrics = client.get("/metrics").body();

    assertThat(metrics)
        .contains(
            "mockslack_messages_received_total{application=\"mock-slack\",channel=\"#metrics\",source=\"slack\"}")
        .contains(
            "mockslack_rejected_requests_total{application=\"mock-slack\",reason=\"malformed_json\"}")
        .contains("mockslack_messages_dropped_total")
        .contains("mockslack_messages_stored")
        .contains("mockslack_stream_subscribers")
        .contains("http_server_requests_seconds");
  }
}
