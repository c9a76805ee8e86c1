package com.hrt.sre.loadgen.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.loadgen.LoadGeneratorHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin API, health and metrics endpoints over real HTTP; traffic paused throughout. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "load-generator.admin.token=" + LoadGeneratorHttp.TOKEN,
      "load-generator.rate=0"
    })
class RateAdminApiTest {

  @LocalServerPort int port;

  private LoadGeneratorHttp http;

  @BeforeEach
  void client() {
    http = new LoadGeneratorHttp(port);
    http.putRate(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/health/liveness", "/health/readiness"})
  void healthEndpointsAreUp(String path) {
    HttpResponse<String> response = http.get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"UP\"");
  }

  @Test
  void putRateChangesTheTargetRateAndItsGauge() {
    HttpResponse<String> response = http.putRate("{\"rate\": 12.5}", LoadGeneratorHttp.BEARER);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"rate\":12.5").contains("\"maxRate\":500.0");
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":12.5");
    assertThat(http.metric("loadgen_target_rate", "application=\"load-generator\"")).contains(12.5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"rate\": 501}",
        "{\"rate\": -1}",
        "{\"rate\": \"fast\"}",
        "{\"speed\": 10}",
        "{\"rate\": null}",
        "not json",
        ""
      })
  void invalidRateChangeIsRejectedWithJsonAndChangesNothing(String body) {
    http.putRate(7);

    HttpResponse<String> response = http.putRate(body, LoadGeneratorHttp.BEARER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).contains("\"error\"").contains("rate");
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":7.0");
  }

  @Test
  void putThatIsNotJsonIsRejectedWith415AndJson() {
    http.putRate(7);

    HttpResponse<String> response = http.putRate("rate=50", LoadGeneratorHttp.BEARER, "text/plain");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("\"error\"").contains("application/json");
    assertThat(http.get("/admin/rate").body()).contains("\"rate\":7.0");
  }

  @Test
  void metricsExposeEveryOutcomeAndTheSloBuckets() {
    String metrics = http.get("/metrics").body();

    for (String outcome :
        new String[] {"success", "http_error", "timeout", "connection_error", "dropped"}) {
      assertThat(metrics).containsPattern("loadgen_requests_total\\{[^}]*outcome=\"" + outcome);
    }
    for (String bucket : new String[] {"0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0"}) {
      assertThat(metrics)
          .containsPattern("loadgen_request_duration_seconds_bucket\\{[^}]*le=\"" + bucket + "\"");
    }
    assertThat(metrics).contains("loadgen_target_rate{");
  }
}
