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
 * Reads Prometheus' HTTP API ({@code /api/v1}): the alerts it holds, pending or firing, and instant
 * queries (a scenario's {@code recoveredWhen}, the error budget remaining).
 */
public final class PrometheusClient {

  private final URI baseUrl;
  private final HttpClient http;
  private final JsonMapper mapper = JsonMapper.builder().build();

  public PrometheusClient(URI baseUrl, HttpClient http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  /**
   * An alert as Prometheus holds it.
   *
   * @param alertname its name
   * @param state {@code pending} or {@code firing}
   * @param activeAt when its expression became true (pending started)
   */
  public record ActiveAlert(String alertname, String state, Instant activeAt) {}

  /** Every active alert ({@code GET /api/v1/alerts}). */
  public List<ActiveAlert> alerts() {
    JsonNode alerts = get("/api/v1/alerts").path("alerts");
    if (!alerts.isArray()) {
      throw new ObserveException("Prometheus' /api/v1/alerts answer has no alerts list");
    }
    List<ActiveAlert> active = new ArrayList<>();
    for (JsonNode alert : alerts) {
      try {
        active.add(
            new ActiveAlert(
                alert.path("labels").path("alertname").asString(),
                alert.path("state").asString(),
                Instant.parse(alert.path("activeAt").asString())));
      } catch (DateTimeParseException e) {
        throw new ObserveException("an alert from Prometheus has no valid activeAt: " + alert);
      }
    }
    return active;
  }

  /**
   * One scrape target as Prometheus sees it.
   *
   * @param job its job label
   * @param instance its instance label
   * @param health {@code up}, {@code down} or {@code unknown} (not scraped yet)
   * @param lastError the last scrape's error; empty when it worked
   */
  public record Target(String job, String instance, String health, String lastError) {

    public boolean up() {
      return "up".equals(health);
    }
  }

  /** Every active scrape target ({@code GET /api/v1/targets?state=active}). */
  public List<Target> targets() {
    JsonNode targets = get("/api/v1/targets?state=active").path("activeTargets");
    if (!targets.isArray()) {
      throw new ObserveException("Prometheus' /api/v1/targets answer has no activeTargets list");
    }
    List<Target> all = new ArrayList<>();
    for (JsonNode target : targets) {
      all.add(
          new Target(
              target.path("labels").path("job").asString(),
              target.path("labels").path("instance").asString(),
              target.path("health").asString(),
              target.path("lastError").asString("")));
    }
    return all;
  }

  /**
   * The first sample of an instant query, or empty when the result is empty (for a condition like
   * {@code x < 0.1}: it does not hold).
   */
  public Optional<Double> query(String promql) {
    JsonNode data =
        get("/api/v1/query?query=" + URLEncoder.encode(promql.strip(), StandardCharsets.UTF_8));
    JsonNode result = data.path("result");
    if (!"vector".equals(data.path("resultType").asString()) || !result.isArray()) {
      throw new ObserveException(
          "query " + promql.strip() + " must return an instant vector, got " + data);
    }
    if (result.isEmpty()) {
      return Optional.empty();
    }
    // "value": [<unix time>, "<sample as text>"]; NaN and ±Inf are spelled as Go writes them.
    return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asString()));
  }

  private JsonNode get(String pathAndQuery) {
    URI uri = baseUrl.resolve(pathAndQuery);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ObserveException("Prometheus at " + baseUrl + " cannot be read: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObserveException("interrupted while reading Prometheus");
    }
    JsonNode body;
    try {
      body = mapper.readTree(response.body());
    } catch (JacksonException e) {
      throw new ObserveException(
          "Prometheus answered " + response.statusCode() + " to " + uri + " with no JSON");
    }
    // Prometheus' envelope: {"status": "success"|"error", "data": ..., "error": "..."}.
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
      throw new ObserveException(
          "Prometheus answered "
              + response.statusCode()
              + " to "
              + uri
              + ": "
              + body.path("error").asString(""));
    }
    return body.path("data");
  }
}
