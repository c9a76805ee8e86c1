package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.MockSlackClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Real HTTP for the incident actions: posts alerts, calls the actions with chosen headers. */
final class IncidentHttp {

  private final MockSlackClient client;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  IncidentHttp(MockSlackClient client) {
    this.client = client;
  }

  /**
   * Posts Alertmanager's webhook fixture {@code name} to {@code channel}; returns the message id.
   */
  long postWebhook(String name, String channel) {
    client.postJson(
        "/api/alertmanager?channel=" + channel.replace("#", "%23"), MockSlackClient.fixture(name));
    return newestIn(channel).get("id").asLong();
  }

  /** Posts the Slack-format fixture {@code name}; returns the message id. */
  long postSlack(String name, String channel) {
    client.postSlack(MockSlackClient.fixture(name));
    return newestIn(channel).get("id").asLong();
  }

  JsonNode newestIn(String channel) {
    return client.messagesIn(channel).get(0);
  }

  JsonNode message(long id) {
    for (JsonNode m : client.messages(Map.of("limit", "1000")).get("messages")) {
      if (m.get("id").asLong() == id) {
        return m;
      }
    }
    throw new AssertionError("no message " + id);
  }

  HttpResponse<String> ack(long id, String body, Map<String, String> headers) {
    return send("POST", "/api/messages/" + id + "/ack", body, headers);
  }

  HttpResponse<String> silence(long id, String body, Map<String, String> headers) {
    return send("POST", "/api/messages/" + id + "/silence", body, headers);
  }

  HttpResponse<String> expire(long id, Map<String, String> headers) {
    return send("DELETE", "/api/messages/" + id + "/silence", null, headers);
  }

  HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return MockSlackClient.json(response.body());
  }
}
