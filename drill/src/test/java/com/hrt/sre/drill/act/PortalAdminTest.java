package com.hrt.sre.drill.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.drill.scenario.Step;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on a random 127.0.0.1 port answering as the portal's admin API. */
class PortalAdminTest {

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private volatile int status = 200;
  private volatile String answer =
      "{\"failureRate\": 0.5, \"latencyMs\": 0, \"latencyJitterMs\": 0, \"crashAfterSeconds\": 0}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/admin",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " auth="
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " body="
                  + body);
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private PortalAdmin admin(String token) {
    return new PortalAdmin(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        token,
        HttpClient.newHttpClient());
  }

  @Test
  void putsTheScenariosBodyWithTheBearerToken() {
    admin("s3cret").apply(new Step.PortalChaos(Map.of("failureRate", 0.5)));

    assertThat(requests)
        .containsExactly("PUT /admin/chaos auth=Bearer s3cret body={\"failureRate\":0.5}");
  }

  @Test
  void resetPostsAndChecksEverythingIsBackToZero() {
    answer =
        "{\"failureRate\": 0.0, \"latencyMs\": 0, \"latencyJitterMs\": 0, \"crashAfterSeconds\": 0}";

    admin("s3cret").apply(new Step.PortalChaosReset());

    assertThat(requests).containsExactly("POST /admin/chaos/reset auth=Bearer s3cret body=");
  }

  @Test
  void anAnswerWithOtherSettingsThanAskedIsAFailedStep() {
    answer =
        "{\"failureRate\": 0.0, \"latencyMs\": 0, \"latencyJitterMs\": 0, \"crashAfterSeconds\": 0}";

    assertThatThrownBy(
            () -> admin("s3cret").apply(new Step.PortalChaos(Map.of("failureRate", 0.5))))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("not failureRate=0.5");
  }

  @Test
  void theAdminAPIsRefusalsSayWhatToFix() {
    status = 401;
    assertThatThrownBy(() -> admin("wrong").apply(new Step.PortalChaosReset()))
        .hasMessage("POST /admin/chaos/reset: the portal refused the admin token (401)");

    status = 403;
    assertThatThrownBy(() -> admin("any").apply(new Step.PortalChaosReset()))
        .hasMessageContaining("admin API is disabled (403");

    status = 400;
    answer = "{\"errors\": {\"failureRate\": \"must be between 0.0 and 1.0\"}}";
    assertThatThrownBy(
            () -> admin("s3cret").apply(new Step.PortalChaos(Map.of("failureRate", 0.5))))
        .hasMessageContaining("answered 400: {\"errors\"");
  }

  @Test
  void noTokenFailsBeforeAnyRequest() {
    assertThatThrownBy(() -> admin(" ").apply(new Step.PortalChaosReset()))
        .hasMessageContaining("no portal admin token");
    assertThat(requests).isEmpty();
  }
}
