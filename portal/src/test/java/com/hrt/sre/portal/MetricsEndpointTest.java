package com.hrt.sre.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** {@code /metrics} in Prometheus format: the RED histogram at SLO buckets and the chaos meters. */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.admin-token=" + PortalClient.TOKEN)
class MetricsEndpointTest {

  @LocalServerPort int port;
  private PortalClient portal;

  @BeforeEach
  void connect() {
    portal = new PortalClient(port);
  }

  @Test
  void requestHistogramHasTheHalfSecondBucketForEachApiRoute() {
    portal.get("/api/records?size=3");
    portal.get("/api/records/42");

    String metrics = scrape();

    assertThat(metrics)
        .containsPattern(bucket("/api/records", "0.5"))
        .containsPattern(bucket("/api/records/\\{id}", "0.5"));
  }

  @Test
  void requestHistogramHasOnlyTheSloBucketsNotPercentileBuckets() {
    portal.get("/api/records?size=3");

    Matcher le =
        Pattern.compile(
                "http_server_requests_seconds_bucket\\{[^}]*status=\"200\",uri=\"/api/records\""
                    + ",le=\"([^\"]+)\"}")
            .matcher(scrape());
    List<String> buckets = le.results().map(m -> m.group(1)).toList();

    assertThat(buckets).containsExactly("0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf");
  }

  @Test
  void chaosGaugesShowTheSettingsInForce() {
    portal.putAsAdmin(
        "/admin/chaos", "{\"failureRate\": 0.0, \"latencyMs\": 0, \"latencyJitterMs\": 250}");
    try {
      String metrics = scrape();

      assertThat(metrics)
          .contains("portal_chaos_failure_rate{application=\"portal\"} 0.0")
          .contains("portal_chaos_latency_seconds{application=\"portal\"} 0.0")
          .contains("portal_chaos_latency_jitter_seconds{application=\"portal\"} 0.25")
          .contains("portal_chaos_crash_after_seconds{application=\"portal\"} 0.0");
    } finally {
      portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
    }
  }

  @Test
  void injectedFailuresAreCountedAndRecordedAsServerErrorsOfTheRoute() {
    // The application context is shared with other tests: compare before and after.
    double before = injectedFailures();
    double serverErrorsBefore = sample(SERVER_ERRORS_OF_ID_ROUTE).orElse(0.0);
    portal.putAsAdmin("/admin/chaos", "{\"failureRate\": 1.0}");
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(portal.get("/api/records/7").statusCode()).isEqualTo(503);
      }
    } finally {
      portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
    }

    assertThat(injectedFailures()).isEqualTo(before + 5);
    assertThat(sample(SERVER_ERRORS_OF_ID_ROUTE)).contains(serverErrorsBefore + 5);
  }

  @Test
  void unknownPathsAreA404ProblemRecordedAsNotFoundNotAsAnApiRoute() {
    var response = portal.get("/api/no-such-thing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(scrape())
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*status=\"404\",uri=\"NOT_FOUND\"}");
  }

  private static final String SERVER_ERRORS_OF_ID_ROUTE =
      "http_server_requests_seconds_count\\{[^}]*outcome=\"SERVER_ERROR\",status=\"503\","
          + "uri=\"/api/records/\\{id}\"}";

  private double injectedFailures() {
    return sample("portal_chaos_injected_failures_total\\{application=\"portal\"}")
        .orElseThrow(() -> new AssertionError("portal_chaos_injected_failures_total missing"));
  }

  /** The value of the first sample whose name and labels match {@code seriesRegex}. */
  private Optional<Double> sample(String seriesRegex) {
    Matcher m = Pattern.compile(seriesRegex + " (\\S+)").matcher(scrape());
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  private String scrape() {
    var response = portal.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String bucket(String uriRegex, String le) {
    return "http_server_requests_seconds_bucket\\{[^}]*uri=\""
        + uriRegex
        + "\",le=\""
        + Pattern.quote(le)
        + "\"} \\d";
  }
}
