package com.hrt.sre.drill.act;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Checks on the Pushgateway ({@code GET /api/v1/metrics}) that a batch-sync run's metrics arrived:
 * group {@code job="batch-sync"} pushed at or after the run's start, with the outcome the run's
 * exit code reported.
 */
final class PushedBatchRun {

  private final HttpClient http;

  PushedBatchRun(HttpClient http) {
    this.http = http;
  }

  void require(URI pushgateway, Instant runStart, boolean success, String what) {
    JsonNode groups = read(pushgateway, what).path("data");
    for (JsonNode group : groups) {
      if (!"batch-sync".equals(group.path("labels").path("job").asString(""))) {
        continue;
      }
      double pushed = value(group, "push_time_seconds");
      double outcome = value(group, "batch_sync_last_run_success");
      if (pushed < runStart.getEpochSecond()) {
        throw new ActionFailedException(
            what + ": batch-sync's last push to " + pushgateway + " is older than this run");
      }
      if (outcome != (success ? 1 : 0)) {
        throw new ActionFailedException(
            what
                + ": the Pushgateway holds batch_sync_last_run_success="
                + outcome
                + ", not the run's outcome");
      }
      return;
    }
    throw new ActionFailedException(
        what + ": no job=\"batch-sync\" group on the Pushgateway " + pushgateway);
  }

  private static double value(JsonNode group, String metric) {
    JsonNode metrics = group.path(metric).path("metrics");
    if (metrics.isEmpty()) {
      return Double.NaN;
    }
    return Double.parseDouble(metrics.get(0).path("value").asString("NaN"));
  }

  private JsonNode read(URI pushgateway, String what) {
    URI url = pushgateway.resolve("/api/v1/metrics");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ActionFailedException(
            what + ": " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      return Kubectl.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new ActionFailedException(what + ": Pushgateway " + url + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionFailedException(what + ": interrupted");
    }
  }
}
