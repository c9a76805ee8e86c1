package com.hrt.sre.mockslack.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import com.hrt.sre.mockslack.incident.StubAlertmanager.Mode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The incident API over real HTTP, with a stub in Alertmanager's place that records every request
 * and answers injected failures: bad input is refused with 4xx JSON and never reaches Alertmanager;
 * an Alertmanager failure is a 502/503 and nothing is recorded; a foreign Origin is refused with
 * 403 and nothing changes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "mockslack.alertmanager.sync-interval=10m")
class IncidentApiTest {

  static final StubAlertmanager ALERTMANAGER = new StubAlertmanager();
  static final String SILENCE_1H = "{\"duration\":\"1h\",\"comment\":\"looking\",\"by\":\"ann\"}";
  static final Map<String, String> NO_HEADERS = Map.of();

  @LocalServerPort int port;
  MockSlackClient client;
  IncidentHttp http;

  @DynamicPropertySource
  static void alertmanager(DynamicPropertyRegistry registry) {
    registry.add("mockslack.alertmanager.url", ALERTMANAGER::url);
  }

  @AfterAll
  static void stopAlertmanager() {
    ALERTMANAGER.close();
  }

  @BeforeEach
  void setUp() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
    http = new IncidentHttp(client);
    ALERTMANAGER.reset();
  }

  @Test
  void acknowledgeRecordsWhoAndWhenAndASecondAcknowledgeIsAConflict() {
    long id = http.postWebhook("webhook-firing", "#alerts");

    HttpResponse<String> response = http.ack(id, "{\"by\":\"ann\"}", NO_HEADERS);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode acked = IncidentHttp.json(response);
    assertThat(acked.get("acknowledgedBy").asString()).isEqualTo("ann");
    assertThat(acked.get("acknowledgedAt").asString()).isNotBlank();
    assertThat(http.message(id).get("acknowledgedBy").asString()).isEqualTo("ann");

    HttpResponse<String> again = http.ack(id, "{\"by\":\"bob\"}", NO_HEADERS);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(IncidentHttp.json(again).get("error").asString()).isEqualTo("action_conflict");
    assertThat(http.message(id).get("acknowledgedBy").asString()).isEqualTo("ann");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no by field | {\"comment\":\"x\"} | 400 | missing_field",
        "blank by | {\"by\":\"  \"} | 400 | missing_field",
        "not an object | [1] | 400 | invalid_field",
        "not JSON | {by: | 400 | malformed_json"
      })
  void acknowledgeWithBadBodyIsRefusedAndNothingChanges(
      String name, String body, int status, String error) {
    long id = http.postWebhook("webhook-firing", "#alerts");
    double before = rejected(error);

    HttpResponse<String> response = http.ack(id, body, NO_HEADERS);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(IncidentHttp.json(response).get("error").asString()).isEqualTo(error);
    assertThat(rejected(error)).isEqualTo(before + 1);
    assertThat(http.message(id).get("acknowledgedBy").isNull()).isTrue();
  }

  @Test
  void unknownIdIs404AndAResolvedMessageIs409() {
    long resolved = http.postWebhook("webhook-resolved", "#alerts");

    HttpResponse<String> unknown = http.ack(resolved + 1000, "{\"by\":\"ann\"}", NO_HEADERS);
    HttpResponse<String> notFiring = http.ack(resolved, "{\"by\":\"ann\"}", NO_HEADERS);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(IncidentHttp.json(unknown).get("error").asString()).isEqualTo("unknown_message");
    assertThat(notFiring.statusCode()).isEqualTo(409);
    assertThat(IncidentHttp.json(notFiring).get("error").asString()).isEqualTo("not_firing");
    assertThat(http.message(resolved).get("acknowledgedBy").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "30 seconds | {\"duration\":\"30s\",\"comment\":\"c\",\"by\":\"ann\"} | 400 | invalid_field",
        "8 days | {\"duration\":\"8d\",\"comment\":\"c\",\"by\":\"ann\"} | 400 | invalid_field",
        "gibberish | {\"duration\":\"soon\",\"comment\":\"c\",\"by\":\"ann\"} | 400 | invalid_field",
        "no duration | {\"comment\":\"c\",\"by\":\"ann\"} | 400 | missing_field",
        "no comment | {\"duration\":\"1h\",\"by\":\"ann\"} | 400 | missing_field",
        "no by | {\"duration\":\"1h\",\"comment\":\"c\"} | 400 | missing_field",
        "empty body | '' | 400 | malformed_json"
      })
  void silenceWithBadInputIsRefusedAndNothingIsSentToAlertmanager(
      String name, String body, int status, String error) {
    long id = http.postWebhook("webhook-firing", "#alerts");

    HttpResponse<String> response = http.silence(id, body, NO_HEADERS);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(IncidentHttp.json(response).get("error").asString()).isEqualTo(error);
    assertThat(ALERTMANAGER.actionRequests()).isEmpty();
    assertThat(http.message(id).get("silence").isNull()).isTrue();
  }

  @Test
  void silenceOfAnUnknownOrResolvedMessageSendsNothing() {
    long resolved = http.postWebhook("webhook-resolved", "#alerts");

    assertThat(http.silence(resolved + 1000, SILENCE_1H, NO_HEADERS).statusCode()).isEqualTo(404);
    assertThat(http.silence(resolved, SILENCE_1H, NO_HEADERS).statusCode()).isEqualTo(409);
    assertThat(http.expire(resolved, NO_HEADERS).statusCode()).isEqualTo(409);
    assertThat(ALERTMANAGER.actionRequests()).isEmpty();
  }

  @Test
  void silenceIsCreatedInAlertmanagerWithAlertnameAndGroupLabels() {
    long id = http.postWebhook("webhook-firing", "#alerts");

    HttpResponse<String> response = http.silence(id, SILENCE_1H, NO_HEADERS);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode answer = IncidentHttp.json(response);
    assertThat(answer.get("silenceId").asString()).isEqualTo("stub-silence-1");
    assertThat(answer.get("matchers").toString())
        .isEqualTo("[\"alertname=\\\"PortalHighErrorRate\\\"\",\"fixture=\\\"webhook\\\"\"]");
    assertThat(answer.get("endsAt").asString()).isNotBlank();
    assertThat(ALERTMANAGER.actionRequests()).containsExactly("POST /api/v2/silences");
    JsonNode silence = http.message(id).get("silence");
    assertThat(silence.get("id").asString()).isEqualTo("stub-silence-1");
    assertThat(silence.get("createdBy").asString()).isEqualTo("ann");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "SERVER_ERROR, 502, alertmanager_error",
    "CLIENT_ERROR, 502, alertmanager_error",
    "DROP_CONNECTION, 503, alertmanager_unreachable"
  })
  void alertmanagerFailureIsAClearErrorAndNothingIsRecorded(Mode mode, int status, String error) {
    long id = http.postWebhook("webhook-firing", "#alerts");
    ALERTMANAGER.mode(mode);
    double before =
        client.metric("mockslack_incident_actions_failed_total", Map.of("reason", error));

    HttpResponse<String> response = http.silence(id, SILENCE_1H, NO_HEADERS);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = IncidentHttp.json(response);
    assertThat(body.get("error").asString()).isEqualTo(error);
    assertThat(body.get("message").asString()).contains("Alertmanager");
    assertThat(http.message(id).get("silence").isNull()).isTrue();
    assertThat(client.metric("mockslack_incident_actions_failed_total", Map.of("reason", error)))
        .isEqualTo(before + 1);
  }

  @Test
  void expireThatAlertmanagerRefusesKeepsTheSilenceOnTheMessage() {
    long id = http.postWebhook("webhook-firing", "#alerts");
    assertThat(http.silence(id, SILENCE_1H, NO_HEADERS).statusCode()).isEqualTo(201);
    ALERTMANAGER.mode(Mode.SERVER_ERROR);

    HttpResponse<String> response = http.expire(id, NO_HEADERS);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(http.message(id).get("silence").get("id").asString()).isEqualTo("stub-silence-1");
  }

  @Test
  void foreignOriginIsRefusedWith403AndNothingChanges() {
    long id = http.postWebhook("webhook-firing", "#alerts");
    Map<String, String> evil = Map.of("Origin", "http://evil.example");
    double before = rejected("foreign_origin");

    HttpResponse<String> ack = http.ack(id, "{\"by\":\"ann\"}", evil);
    HttpResponse<String> silence = http.silence(id, SILENCE_1H, evil);
    HttpResponse<String> clear = http.send("DELETE", "/api/messages", null, evil);
    HttpResponse<String> nullOrigin = http.ack(id, "{\"by\":\"ann\"}", Map.of("Origin", "null"));
    HttpResponse<String> garbled =
        http.ack(id, "{\"by\":\"ann\"}", Map.of("Origin", "http://[not a host"));

    assertThat(List.of(ack, silence, clear, nullOrigin, garbled))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(403);
              assertThat(IncidentHttp.json(r).get("error").asString()).isEqualTo("foreign_origin");
            });
    assertThat(rejected("foreign_origin")).isEqualTo(before + 5);
    JsonNode message = http.message(id);
    assertThat(message.get("acknowledgedBy").isNull()).isTrue();
    assertThat(message.get("silence").isNull()).isTrue();
    assertThat(ALERTMANAGER.actionRequests()).isEmpty();
  }

  @Test
  void sameOriginFromThePageIsAccepted() {
    long id = http.postWebhook("webhook-firing", "#alerts");

    HttpResponse<String> response =
        http.ack(
            id,
            "{\"by\":\"ann\"}",
            Map.of("Origin", client.baseUrl(), "Sec-Fetch-Site", "same-origin"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void matchersOfASlackFormatAlertAreItsNameAndLabelFields() {
    long id = http.postSlack("slack-custom-firing", "#alerts-critical");

    HttpResponse<String> response =
        http.send("GET", "/api/messages/" + id + "/silence/matchers", null, NO_HEADERS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(IncidentHttp.json(response).get("matchers").toString())
        .isEqualTo(
            "[\"alertname=\\\"PortalHighErrorRate\\\"\",\"service=\\\"portal\\\"\","
                + "\"severity=\\\"page\\\"\"]");
  }

  @Test
  void actionsSaySilencesAreAvailable() {
    JsonNode actions = IncidentHttp.json(http.send("GET", "/api/actions", null, NO_HEADERS));

    assertThat(actions.get("acknowledge").asBoolean()).isTrue();
    assertThat(actions.get("silence").asBoolean()).isTrue();
  }

  private double rejected(String reason) {
    return client.metric("mockslack_rejected_requests_total", Map.of("reason", reason));
  }
}
