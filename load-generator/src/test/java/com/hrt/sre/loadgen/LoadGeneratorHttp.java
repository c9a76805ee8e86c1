package com.hrt.sre.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real HTTP calls to the load generator under test, and reading its Prometheus metrics. */
public final class LoadGeneratorHttp {

  /** The admin token the tests configure ({@code load-generator.admin.token}). */
  public static final String TOKEN = "test-admin-token";

  public static final String BEARER = "Bearer " + TOKEN;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  public LoadGeneratorHttp(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /** GET with the test token (the admin API needs it; other endpoints ignore it). */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", BEARER));
  }

  public HttpResponse<String> putRate(String jsonBody, String authorization) {
    return putRate(jsonBody, authorization, "application/json");
  }

  public HttpResponse<String> putRate(String body, String authorization, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/admin/rate"))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  public HttpResponse<String> putRate(double rate) {
    HttpResponse<String> response = putRate("{\"rate\": " + rate + "}", BEARER);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("PUT /admin/rate failed: " + response.body());
    }
    return response;
  }

  /** The value of the first sample of {@code metric} whose labels contain {@code labelMatch}. */
  public Optional<Double> metric(String metric, String labelMatch) {
    String exposition = get("/metrics").body();
    Matcher line =
        Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
            .matcher(exposition);
    while (line.find()) {
      if (line.group(1).contains(labelMatch)) {
        return Optional.of(Double.parseDouble(line.group(2)));
      }
    }
    return Optional.empty();
  }

  public double requests(String outcome) {
    return metric("loadgen_requests_total", "outcome=\"" + outcome + "\"").orElse(0.0);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
