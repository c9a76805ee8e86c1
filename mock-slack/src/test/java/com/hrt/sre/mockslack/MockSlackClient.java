package com.hrt.sre.mockslack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against a running mock-slack: posts, reads the API and the Prometheus metrics. */
public final class MockSlackClient {

  public static final String SLACK_PATH = "/services/T000/B000/XXX";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public MockSlackClient(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  public HttpResponse<String> postJson(String path, String json) {
    return post(path, "application/json", json);
  }

  public HttpResponse<String> postSlack(String json) {
    return postJson(SLACK_PATH, json);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .build());
  }

  public HttpResponse<String> delete(String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .DELETE()
            .build());
  }

  /** {@code GET /api/messages} with the given query parameters, as JSON. */
  public JsonNode messages(Map<String, String> query) {
    String q =
        query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response = get("/api/messages" + (q.isEmpty() ? "" : "?" + q));
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /api/messages?" + q + " -> " + response.statusCode());
    }
    return json(response.body());
  }

  public JsonNode messagesIn(String channel) {
    return messages(Map.of("channel", channel, "limit", "1000")).get("messages");
  }

  /**
   * The sum of the samples of {@code name} in {@code /metrics} that carry {@code labels} (one
   * series when the labels pick one; every series of the metric when none are given), 0 when none
   * exists (yet).
   */
  public double metric(String name, Map<String, String> labels) {
    String text = get("/metrics").body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all =
          labels.entrySet().stream()
              .allMatch(
                  e ->
                      line.contains(
                          e.getKey() + "=\"" + e.getValue().replace("\"", "\\\"") + "\""));
      if (all) {
        String[] parts = line.trim().split(" ");
        sum += Double.parseDouble(parts[parts.length - 1]);
      }
    }
    return sum;
  }

  public double metric(String name) {
    return metric(name, Map.of());
  }

  public static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** A test resource, e.g. {@code fixtures/alertmanager-0.25/slack-default-firing.json}. */
  public static String resource(String path) {
    try {
      return Files.readString(Path.of("src/test/resources", path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String fixture(String name) {
    return resource("fixtures/alertmanager-0.25/" + name + ".json");
  }

  /** True if {@code text} matches {@code regex} anywhere. */
  public static boolean contains(String text, String regex) {
    return Pattern.compile(regex).matcher(text).find();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
