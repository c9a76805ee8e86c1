package com.hrt.sre.drill.observe;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what arrived in mock-slack through its own API ({@code GET /api/messages}), the real
 * delivery path's end: a message there went Prometheus → Alertmanager → Slack notifier → webhook.
 */
public final class MockSlackClient {

  /** mock-slack's default page; a drill that sees this many messages cannot trust its view. */
  static final int LIMIT = 100;

  /** A Slack incoming-webhook URL's path; mock-slack accepts any ids (docs/mock-slack.md). */
  static final String WEBHOOK_PATH = "/services/T000/B000/DRILL";

  private final URI baseUrl;
  private final HttpClient http;
  private final JsonMapper mapper = JsonMapper.builder().build();

  public MockSlackClient(URI baseUrl, HttpClient http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  /**
   * Every message that arrived at or after {@code since}, in any channel.
   *
   * @throws ObserveException when mock-slack cannot be read, answers something else than its
   *     message list, or holds more messages than one page since then
   */
  public Arrivals since(Instant since) {
    URI uri =
        baseUrl.resolve(
            "/api/messages?limit="
                + LIMIT
                + "&since="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ObserveException("mock-slack at " + baseUrl + " cannot be read: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObserveException("interrupted while reading mock-slack");
    }
    if (response.statusCode() != 200) {
      throw new ObserveException(
          "mock-slack answered " + response.statusCode() + " to " + uri + ": " + response.body());
    }
    return new Arrivals(parse(response.body(), uri));
  }

  /**
   * The alerting pipeline's status as mock-slack judges it from the Watchdog's heartbeats ({@code
   * GET /api/pipeline}): {@code healthy} when they arrive.
   */
  public String pipelineStatus() {
    URI uri = baseUrl.resolve("/api/pipeline");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ObserveException("mock-slack at " + baseUrl + " cannot be read: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObserveException("interrupted while reading mock-slack");
    }
    try {
      String status = mapper.readTree(response.body()).path("status").asString("");
      if (response.statusCode() != 200 || status.isEmpty()) {
        throw new ObserveException(
            "mock-slack answered " + response.statusCode() + " to " + uri + ": " + response.body());
      }
      return status;
    } catch (JacksonException e) {
      throw new ObserveException("mock-slack's answer to " + uri + " is not JSON");
    }
  }

  private List<Arrival> parse(String body, URI uri) {
    JsonNode messages;
    try {
      messages = mapper.readTree(body).path("messages");
    } catch (JacksonException e) {
      throw new ObserveException("mock-slack's answer to " + uri + " is not JSON");
    }
    if (!messages.isArray()) {
      throw new ObserveException("mock-slack's answer to " + uri + " has no messages list");
    }
    if (messages.size() >= LIMIT) {
      throw new ObserveException(
          "mock-slack holds "
              + LIMIT
              + " or more messages since the drill started; too many to tell which arrived first");
    }
    List<Arrival> arrivals = new ArrayList<>();
    for (JsonNode message : messages) {
      try {
        arrivals.add(
            new Arrival(
                Instant.parse(message.path("receivedAt").asString()),
                message.path("channel").asString(),
                message.path("status").asString(),
                text(message, "alertname"),
                text(message, "acknowledgedBy"),
                Optional.ofNullable(text(message, "acknowledgedAt"))
                    .map(Instant::parse)
                    .orElse(null)));
      } catch (DateTimeParseException e) {
        throw new ObserveException(
            "a message from " + uri + " has no valid receivedAt: " + message);
      }
    }
    return arrivals;
  }

  private static String text(JsonNode message, String field) {
    JsonNode value = message.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asString();
  }

  /**
   * Posts one Slack incoming-webhook payload (it names its channel, e.g. {@code #gameday}) to
   * mock-slack's Slack endpoint, the way any Slack integration would.
   *
   * @throws ObserveException when mock-slack does not answer {@code ok}
   */
  public void post(String slackPayload) {
    URI uri = baseUrl.resolve(WEBHOOK_PATH);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(slackPayload))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ObserveException("mock-slack at " + baseUrl + " cannot be posted to: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObserveException("interrupted while posting to mock-slack");
    }
    if (response.statusCode() != 200 || !"ok".equals(response.body().strip())) {
      throw new ObserveException(
          "mock-slack answered " + response.statusCode() + " to " + uri + ": " + response.body());
    }
  }
}
