package com.hrt.sre.drill.act;

import com.hrt.sre.drill.scenario.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Breaks and heals the portal through its admin API: {@code PUT /admin/chaos} with a scenario's
 * body, {@code POST /admin/chaos/reset}; both with {@code Authorization: Bearer
 * <PORTAL_ADMIN_TOKEN>}. The portal answers the settings in force, and the step counts as done only
 * when they are the ones asked for.
 */
public final class PortalAdmin {

  private final URI baseUrl;
  private final String token;
  private final HttpClient http;
  private final JsonMapper mapper = JsonMapper.builder().build();

  public PortalAdmin(URI baseUrl, String token, HttpClient http) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.http = http;
  }

  public void apply(Step.PortalChaos chaos) {
    JsonNode inForce =
        send(
            HttpRequest.newBuilder(baseUrl.resolve("/admin/chaos"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(chaos.body()))),
            chaos.describe());
    requireInForce(chaos.body(), inForce, chaos.describe());
  }

  public void apply(Step.PortalChaosReset reset) {
    JsonNode inForce =
        send(
            HttpRequest.newBuilder(baseUrl.resolve("/admin/chaos/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            reset.describe());
    requireInForce(
        Map.of("failureRate", 0, "latencyMs", 0, "latencyJitterMs", 0, "crashAfterSeconds", 0),
        inForce,
        reset.describe());
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    if (token == null || token.isBlank()) {
      throw new ActionFailedException(
          what
              + ": no portal admin token (PORTAL_ADMIN_TOKEN; make local-up writes it to .local/env)");
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ActionFailedException(what + ": portal at " + baseUrl + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionFailedException(what + ": interrupted");
    }
    int status = response.statusCode();
    if (status == 401) {
      throw new ActionFailedException(what + ": the portal refused the admin token (401)");
    }
    if (status == 403) {
      throw new ActionFailedException(
          what + ": the portal's admin API is disabled (403: it runs without PORTAL_ADMIN_TOKEN)");
    }
    if (status != 200) {
      throw new ActionFailedException(
          what + ": the portal answered " + status + ": " + response.body());
    }
    try {
      return mapper.readTree(response.body());
    } catch (JacksonException e) {
      throw new ActionFailedException(what + ": the portal's answer is not JSON");
    }
  }

  private static void requireInForce(
      Map<String, ? extends Number> asked, JsonNode inForce, String what) {
    for (Map.Entry<String, ? extends Number> field : asked.entrySet()) {
      JsonNode value = inForce.path(field.getKey());
      if (!value.isNumber() || value.asDouble() != field.getValue().doubleValue()) {
        throw new ActionFailedException(
            what
                + ": the portal answered "
                + inForce
                + ", not "
                + field.getKey()
                + "="
                + field.getValue());
      }
    }
  }
}
