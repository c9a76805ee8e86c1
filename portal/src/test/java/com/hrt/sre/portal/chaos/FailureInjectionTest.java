package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Failure rate and latency, switched through the admin API and observed over real HTTP. */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.admin-token=" + PortalClient.TOKEN)
class FailureInjectionTest {

  @LocalServerPort int port;
  private PortalClient portal;

  @BeforeEach
  void connect() {
    portal = new PortalClient(port);
  }

  @AfterEach
  void resetChaos() {
    assertThat(portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN).statusCode())
        .isEqualTo(200);
  }

  @Test
  void failureRateZeroAnswersEveryApiCall() {
    setChaos("{\"failureRate\": 0.0}");

    long serverErrors =
        IntStream.range(0, 300)
            .map(i -> portal.get(apiPath(i)).statusCode())
            .filter(status -> status >= 500)
            .count();

    assertThat(serverErrors).isZero();
  }

  @Test
  void failureRateOneFailsEveryApiCallButNotProbesOrMetrics() {
    setChaos("{\"failureRate\": 1.0}");

    for (int i = 0; i < 100; i++) {
      HttpResponse<String> response = portal.get(apiPath(i));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("\"injected\":true");
    }
    for (String path : List.of("/health", "/health/liveness", "/health/readiness", "/metrics")) {
      assertThat(portal.get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(portal.get("/").statusCode()).as("status page").isEqualTo(200);
  }

  @Test
  void failureRateIsHonouredWithinAFiveSigmaBinomialBound() {
    double rate = 0.3;
    int calls = 2_000;
    setChaos("{\"failureRate\": " + rate + "}");

    long failures =
        IntStream.range(0, calls).filter(i -> portal.get(apiPath(i)).statusCode() == 503).count();

    // Binomial(n, p): mean n*p = 600, sigma = sqrt(n*p*(1-p)) ~ 20.5. Outside 5 sigma by chance:
    // about once in 1.7 million runs, so a failure here means the rate is wrong, not bad luck.
    double mean = calls * rate;
    double sigma = Math.sqrt(calls * rate * (1 - rate));
    assertThat((double) failures).isBetween(mean - 5 * sigma, mean + 5 * sigma);
  }

  @Test
  void fixedLatencyShowsInEveryResponseTime() {
    setChaos("{\"latencyMs\": 300}");

    for (int i = 0; i < 5; i++) {
      assertThat(timedGetMillis(apiPath(i))).isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void jitterAddsARandomAmountOnTopOfTheFixedLatency() {
    setChaos("{\"latencyMs\": 100, \"latencyJitterMs\": 400}");

    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      times.add(timedGetMillis(apiPath(i)));
    }

    assertThat(times).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(100));
    // Uniform jitter of 0-400 ms: all 12 draws under 50 ms has probability (51/401)^12 ~ 2e-11.
    assertThat(times).anySatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(150));
  }

  @Test
  void latencyIsNotAddedToProbes() {
    setChaos("{\"latencyMs\": 5000}");

    assertThat(timedGetMillis("/health/liveness")).isLessThan(5000);
  }

  private long timedGetMillis(String path) {
    long start = System.nanoTime();
    assertThat(portal.get(path).statusCode()).isEqualTo(200);
    return (System.nanoTime() - start) / 1_000_000;
  }

  private void setChaos(String json) {
    HttpResponse<String> response = portal.putAsAdmin("/admin/chaos", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Alternates the two API routes. */
  private static String apiPath(int i) {
    return i % 2 == 0 ? "/api/records?size=5&page=" + (i % 7) : "/api/records/" + (1 + i % 100);
  }
}
