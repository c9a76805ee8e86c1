package com.hrt.sre.mockslack.ingest;

import static com.hrt.sre.mockslack.MockSlackClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad input: the right 4xx with a JSON body naming the problem, counted in {@code
 * mockslack_rejected_requests_total{reason}}, and the store unchanged. The body limit is lowered to
 * 4KB here so the oversized cases stay small.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"mockslack.max-body-size=4KB", "mockslack.max-query-limit=500"})
class BadInputTest {

  private static final String SLACK = MockSlackClient.SLACK_PATH;
  private static final String WEBHOOK = "/api/alertmanager";
  private static final String JSON = "application/json";
  private static final String OVER_LIMIT =
      "{\"text\":\"" + "x".repeat(5 * 1024) + "\",\"channel\":\"#alerts\"}";

  @LocalServerPort int port;
  MockSlackClient client;

  @BeforeEach
  void storeWithOneMessage() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
    client.postSlack("{\"text\":\"already here\",\"channel\":\"#alerts\"}");
  }

  static Stream<Arguments> badPosts() {
    return Stream.of(
        bad("malformed JSON", SLACK, JSON, "{\"text\": ", 400, "malformed_json"),
        bad("trailing garbage", SLACK, JSON, "{\"text\":\"a\"} nope", 400, "malformed_json"),
        bad("empty body", SLACK, JSON, "", 400, "malformed_json"),
        bad(
            "wrong content type",
            SLACK,
            "text/plain",
            "{\"text\":\"a\"}",
            415,
            "unsupported_media_type"),
        bad("no content type", SLACK, null, "{\"text\":\"a\"}", 415, "unsupported_media_type"),
        bad(
            "unparsable content type",
            SLACK,
            "nonsense",
            "{\"text\":\"a\"}",
            415,
            "unsupported_media_type"),
        bad("body over the limit", SLACK, JSON, OVER_LIMIT, 413, "body_too_large"),
        bad("JSON array instead of object", SLACK, JSON, "[1,2]", 400, "invalid_field"),
        bad(
            "no text, attachments or blocks",
            SLACK,
            JSON,
            "{\"channel\":\"#alerts\"}",
            400,
            "missing_field"),
        bad(
            "attachments of the wrong type",
            SLACK,
            JSON,
            "{\"attachments\":\"red\"}",
            400,
            "invalid_field"),
        bad(
            "channel Slack would refuse",
            SLACK,
            JSON,
            "{\"text\":\"a\",\"channel\":\"#no spaces allowed\"}",
            400,
            "invalid_field"),
        bad(
            "form without payload field",
            SLACK,
            "application/x-www-form-urlencoded",
            "text=hello",
            400,
            "missing_field"),
        bad(
            "webhook without alerts",
            WEBHOOK,
            JSON,
            "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}",
            400,
            "missing_field"),
        bad(
            "webhook without status",
            WEBHOOK,
            JSON,
            fixture("webhook-firing")
                .replace("\"status\": \"firing\",\n  \"alerts\"", "\"alerts\""),
            400,
            "missing_field"),
        bad(
            "webhook with unknown status",
            WEBHOOK,
            JSON,
            fixture("webhook-firing").replace("\"status\": \"firing\"", "\"status\": \"burning\""),
            400,
            "invalid_field"),
        bad(
            "webhook of another version",
            WEBHOOK,
            JSON,
            fixture("webhook-firing").replace("\"version\": \"4\"", "\"version\": \"3\""),
            400,
            "invalid_field"),
        bad(
            "webhook alert without labels",
            WEBHOOK,
            JSON,
            "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\"}]}",
            400,
            "missing_field"),
        bad(
            "webhook with a bad timestamp",
            WEBHOOK,
            JSON,
            fixture("webhook-firing").replace("2026-11-28T15:38:10Z", "yesterday"),
            400,
            "invalid_field"),
        bad(
            "webhook as a form",
            WEBHOOK,
            "application/x-www-form-urlencoded",
            "payload=%7B%7D",
            415,
            "unsupported_media_type"));
  }

  private static Arguments bad(
      String name, String path, String type, String body, int status, String reason) {
    return Arguments.of(name, path, type, body, status, reason);
  }

  @ParameterizedTest(name = "{0} -> {4} {5}")
  @MethodSource("badPosts")
  void badPostIsRejectedCountedAndChangesNothing(
      String name, String path, String type, String body, int status, String reason) {
    assertRejected(() -> client.post(path, type, body), status, reason);
  }

  @Test
  void chunkedBodyOverTheLimitIsRejectedWhileReading() {
    // No Content-Length: the limit must hold while the body is read.
    assertRejected(
        () -> {
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(client.baseUrl() + SLACK))
                  .header("Content-Type", JSON)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(OVER_LIMIT.getBytes())))
                  .build();
          try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        },
        413,
        "body_too_large");
  }

  @Test
  void invalidChannelQueryParameterOfWebhookIsRejected() {
    assertRejected(
        () -> client.postJson(WEBHOOK + "?channel=%23bad%20name", fixture("webhook-firing")),
        400,
        "invalid_field");
  }

  @Test
  void getOnTheWebhookPathIsMethodNotAllowed() {
    assertRejected(() -> client.get(SLACK), 405, "method_not_allowed");
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("limit=0"),
        Arguments.of("limit=501"),
        Arguments.of("limit=ten"),
        Arguments.of("status=burning"),
        Arguments.of("since=yesterday"));
  }

  @ParameterizedTest(name = "GET /api/messages?{0} -> 400")
  @MethodSource("badQueries")
  void badQueryIsRejectedAndCounted(String query) {
    assertRejected(() -> client.get("/api/messages?" + query), 400, "invalid_parameter");
  }

  private void assertRejected(Supplier<HttpResponse<String>> request, int status, String reason) {
    Map<String, String> series = Map.of("reason", reason);
    double rejectedBefore = client.metric("mockslack_rejected_requests_total", series);
    String storeBefore = client.get("/api/messages?limit=500").body();
    String channelsBefore = client.get("/api/channels").body();

    HttpResponse<String> response = request.get();

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = MockSlackClient.json(response.body());
    assertThat(error.get("error").asString()).isEqualTo(reason);
    assertThat(error.get("message").asString()).isNotBlank();
    assertThat(client.metric("mockslack_rejected_requests_total", series))
        .isEqualTo(rejectedBefore + 1);
    assertThat(client.get("/api/messages?limit=500").body()).isEqualTo(storeBefore);
    assertThat(client.get("/api/channels").body()).isEqualTo(channelsBefore);
  }
}
