package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API with a token configured: validation, authentication, reset. */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.admin-token=" + PortalClient.TOKEN)
class ChaosAdminTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BASELINE =
      "{\"failureRate\":0.25,\"latencyMs\":10,\"latencyJitterMs\":5,\"crashAfterSeconds\":0}";

  @LocalServerPort int port;
  private PortalClient portal;

  @BeforeEach
  void setBaseline() {
    portal = new PortalClient(port);
    assertThat(portal.putAsAdmin("/admin/chaos", BASELINE).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void resetChaos() {
    portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
  }

  @Test
  void getReturnsTheSettingsInForce() {
    HttpResponse<String> response = portal.getAsAdmin("/admin/chaos");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(BASELINE));
  }

  @Test
  void putChangesOnlyTheFieldsItCarries() {
    HttpResponse<String> response = portal.putAsAdmin("/admin/chaos", "{\"latencyMs\": 250}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode now = current();
    assertThat(now.get("latencyMs").asLong()).isEqualTo(250);
    assertThat(now.get("failureRate").asDouble()).isEqualTo(0.25);
    assertThat(now.get("latencyJitterMs").asLong()).isEqualTo(5);
    assertThat(JSON.readTree(response.body())).isEqualTo(now);
  }

  @Test
  void putAcceptsTheBoundaries() {
    String body =
        "{\"failureRate\":1,\"latencyMs\":60000,\"latencyJitterMs\":0,\"crashAfterSeconds\":86400}";

    assertThat(portal.putAsAdmin("/admin/chaos", body).statusCode()).isEqualTo(200);
    assertThat(current().get("failureRate").asDouble()).isEqualTo(1.0);
  }

  @Test
  void resetTurnsEverythingOff() {
    HttpResponse<String> response =
        portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(current())
        .isEqualTo(
            JSON.readTree(
                "{\"failureRate\":0.0,\"latencyMs\":0,\"latencyJitterMs\":0,\"crashAfterSeconds\":0}"));
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"failureRate\": 1.5}                | failureRate",
        "{\"failureRate\": -0.1}               | failureRate",
        "{\"failureRate\": NaN}                | failureRate",
        "{\"failureRate\": Infinity}           | failureRate",
        "{\"failureRate\": \"0.5\"}            | failureRate",
        "{\"failureRate\": null}               | failureRate",
        "{\"failureRate\": true}               | failureRate",
        "{\"latencyMs\": -1}                   | latencyMs",
        "{\"latencyMs\": 60001}                | latencyMs",
        "{\"latencyMs\": 1.5}                  | latencyMs",
        "{\"latencyMs\": \"100\"}              | latencyMs",
        "{\"latencyMs\": [100]}                | latencyMs",
        "{\"latencyJitterMs\": {\"ms\": 1}}    | latencyJitterMs",
        "{\"crashAfterSeconds\": -5}           | crashAfterSeconds",
        "{\"crashAfterSeconds\": 99999999999999999999} | crashAfterSeconds",
        "{\"failurerate\": 0.5}                | failurerate",
        "{\"latencyMs\": 5, \"extra\": 1}      | extra",
        "[0.5]                                 | body",
        "\"failureRate\"                       | body",
        "42                                    | body",
        "null                                  | body",
        "{\"failureRate\": 0.5                 | body",
        "{\"latencyMs\": 1, \"latencyMs\": 2}  | body",
        "{\"latencyMs\": 1} trailing           | body",
      })
  void badInputIs400NamingTheFieldAndChangesNothing(String body, String badField) {
    HttpResponse<String> response = portal.putAsAdmin("/admin/chaos", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").propertyNames()).contains(badField);
    assertUnchanged();
  }

  @Test
  void missingBodyIs400AndChangesNothing() {
    HttpResponse<String> response = portal.putAsAdmin("/admin/chaos", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").propertyNames())
        .containsExactly("body");
    assertUnchanged();
  }

  @Test
  void everyBadFieldIsNamedAndTheValidOnesAreNotApplied() {
    HttpResponse<String> response =
        portal.putAsAdmin(
            "/admin/chaos",
            "{\"failureRate\": 2, \"latencyMs\": 100, \"latencyJitterMs\": \"x\", \"oops\": 1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").propertyNames())
        .containsExactlyInAnyOrder("failureRate", "latencyJitterMs", "oops");
    assertUnchanged();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong-token", "Bearer ", "Basic dGVzdA==", "test-admin-token"})
  void wrongTokenIs401AndChangesNothing(String authorization) {
    assertThat(portal.put("/admin/chaos", "{\"failureRate\": 1.0}", authorization).statusCode())
        .isEqualTo(401);
    assertThat(portal.post("/admin/chaos/reset", authorization).statusCode()).isEqualTo(401);
    assertUnchanged();
  }

  @Test
  void missingTokenIs401ForEveryAdminEndpoint() {
    HttpResponse<String> put = portal.put("/admin/chaos", "{\"failureRate\": 1.0}", null);

    assertThat(put.statusCode()).isEqualTo(401);
    assertThat(put.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> v.startsWith("Bearer"));
    assertThat(portal.get("/admin/chaos").statusCode()).isEqualTo(401);
    assertThat(portal.post("/admin/chaos/reset", null).statusCode()).isEqualTo(401);
    assertUnchanged();
  }

  @Test
  void tokenIsCheckedBeforeTheBody() {
    assertThat(portal.put("/admin/chaos", "not json", "Bearer wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void crashAfterSecondsBelowTheUptimeBreaksLivenessAndZeroRestoresIt() {
    assertThat(portal.get("/health/liveness").statusCode()).isEqualTo(200);

    portal.putAsAdmin("/admin/chaos", "{\"crashAfterSeconds\": 1}");
    await("liveness 503")
        .atMost(Duration.ofSeconds(20))
        .until(() -> portal.get("/health/liveness").statusCode() == 503);

    portal.putAsAdmin("/admin/chaos", "{\"crashAfterSeconds\": 0}");
    await("liveness 200 again")
        .atMost(Duration.ofSeconds(20))
        .until(() -> portal.get("/health/liveness").statusCode() == 200);
  }

  private JsonNode current() {
    HttpResponse<String> response = portal.getAsAdmin("/admin/chaos");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void assertUnchanged() {
    assertThat(current()).isEqualTo(JSON.readTree(BASELINE));
  }
}
