package com.hrt.sre.mockslack.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Valid JSON in odd shapes (nulls inside lists, numbers for strings, huge counts, deep nesting):
 * each is either accepted or refused with the expected 4xx, never a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OddPayloadsTest {

  static final String SLACK = MockSlackClient.SLACK_PATH;
  static final String WEBHOOK = "/api/alertmanager";

  @LocalServerPort int port;
  MockSlackClient client;

  @BeforeEach
  void setUp() {
    client = new MockSlackClient(port);
  }

  static Stream<Arguments> oddPayloads() {
    return Stream.of(
        Arguments.of(SLACK, "{\"attachments\":[null]}", 400),
        Arguments.of(SLACK, "{\"attachments\":[null,{\"title\":\"x\"}]}", 200),
        Arguments.of(SLACK, "{\"text\":\"[FIRING:99999999999] Huge\"}", 200),
        Arguments.of(
            SLACK,
            "{\"text\":\"a\",\"attachments\":[{\"fields\":[null,{\"title\":null,\"value\":null}],"
                + "\"mrkdwn_in\":[null,\"text\"]}]}",
            200),
        Arguments.of(SLACK, "{\"blocks\":[null,1,\"x\",{\"type\":\"divider\"}]}", 400),
        Arguments.of(SLACK, "{\"text\":\"a\",\"channel\":null,\"username\":123}", 200),
        Arguments.of(SLACK, "{\"text\":\"a\",\"attachments\":[{\"fields\":{\"a\":1}}]}", 400),
        Arguments.of(SLACK, "{\"blocks\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}", 400),
        Arguments.of(WEBHOOK, "{\"status\":\"firing\",\"alerts\":[null]}", 400),
        Arguments.of(
            WEBHOOK,
            "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":null}}]}",
            200),
        Arguments.of(
            WEBHOOK,
            "{\"status\":\"firing\",\"truncatedAlerts\":-5,\"groupLabels\":null,"
                + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"},"
                + "\"startsAt\":\"0001-01-01T00:00:00Z\"}]}",
            200),
        Arguments.of(
            WEBHOOK,
            "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":{\"b\":1}}}]}",
            400));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("oddPayloads")
  void oddPayloadIsAcceptedOrRefusedButNeverA5xx(String path, String body, int expected) {
    HttpResponse<String> response = client.postJson(path, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
  }
}
