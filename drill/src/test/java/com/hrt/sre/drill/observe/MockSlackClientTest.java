package com.hrt.sre.drill.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.drill.report.Timeline;
import com.hrt.sre.testsupport.FreePort;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on a random 127.0.0.1 port answering as mock-slack's API does. */
class MockSlackClientTest {

  private static final Instant START = Instant.parse("2026-12-02T09:00:00Z");

  /** mock-slack's answer: newest first, as its store returns them. */
  private static final String MESSAGES =
      """
      {"count": 6, "capacity": 1000, "messages": [
        {"id": 6, "receivedAt": "2026-12-02T09:09:10Z", "channel": "#alerts-critical",
         "status": "resolved", "alertname": "PortalSLOBurn"},
        {"id": 5, "receivedAt": "2026-12-02T09:05:00Z", "channel": "#alerts-critical",
         "status": "resolved", "alertname": "PortalHighErrorRate"},
        {"id": 4, "receivedAt": "2026-12-02T09:03:00Z", "channel": "#alerts",
         "status": "firing", "alertname": "TargetDown"},
        {"id": 3, "receivedAt": "2026-12-02T09:02:13.500Z", "channel": "#alerts-critical",
         "status": "firing", "alertname": "PortalHighErrorRate"},
        {"id": 2, "receivedAt": "2026-12-02T09:00:31Z", "channel": "#gameday",
         "status": "info", "alertname": null},
        {"id": 1, "receivedAt": "2026-12-02T09:00:05Z", "channel": "#alerts-critical",
         "status": "resolved", "alertname": "PortalHighErrorRate"}
      ]}
      """;

  private HttpServer server;
  private final List<String> queries = new ArrayList<>();
  private volatile int status = 200;
  private volatile String body = MESSAGES;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/messages",
        exchange -> {
          queries.add(exchange.getRequestURI().getRawQuery());
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
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

  private MockSlackClient client() {
    return new MockSlackClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        HttpClient.newHttpClient());
  }

  @Test
  void asksForTheMessagesSinceTheDrillStarted() {
    client().since(START);

    assertThat(queries).containsExactly("limit=100&since=2026-12-02T09%3A00%3A00Z");
  }

  @Test
  void theFirstFiringMessageAndTheResolvedOneAfterItAreTheAlertsArrivals() {
    Arrivals arrivals = client().since(START);

    assertThat(arrivals.of("PortalHighErrorRate"))
        .isEqualTo(
            new Timeline.AlertTimes(
                "PortalHighErrorRate",
                null,
                null,
                Instant.parse("2026-12-02T09:02:13.500Z"),
                "#alerts-critical",
                // not 09:00:05: a resolved message before the firing one is an earlier incident's
                Instant.parse("2026-12-02T09:05:00Z")));
  }

  @Test
  void anAlertThatOnlyResolvedNeverArrivedAsFiring() {
    Timeline.AlertTimes burn = client().since(START).of("PortalSLOBurn");

    assertThat(burn.notifiedAt()).isNull();
    assertThat(burn.notifiedChannel()).isNull();
    assertThat(burn.resolvedNotifiedAt()).isNull();
  }

  @Test
  void firingAlertsNobodyExpectedAreNoiseButPlainMessagesAreNot() {
    assertThat(client().since(START).noise(Set.of("PortalHighErrorRate", "PortalSLOBurn")))
        .containsExactly(
            new Timeline.NoiseAlert(
                "TargetDown", "#alerts", Instant.parse("2026-12-02T09:03:00Z")));
  }

  @Test
  void anErrorAnswerIsAnErrorNamingTheStatus() {
    status = 400;
    body = "{\"error\": \"since must be an ISO-8601 instant\"}";

    assertThatThrownBy(() -> client().since(START))
        .isInstanceOf(ObserveException.class)
        .hasMessageStartingWith("mock-slack answered 400 to http://127.0.0.1:")
        .hasMessageContaining("since must be an ISO-8601 instant");
  }

  @Test
  void anAnswerThatIsNotItsMessageListIsRefused() {
    body = "<html>proxy error</html>";
    assertThatThrownBy(() -> client().since(START)).hasMessageContaining("is not JSON");

    body = "{\"items\": []}";
    assertThatThrownBy(() -> client().since(START)).hasMessageContaining("has no messages list");
  }

  @Test
  void aFullPageIsRefusedRatherThanMissingTheOldestArrivals() {
    body =
        IntStream.range(0, MockSlackClient.LIMIT)
            .mapToObj(
                i ->
                    "{\"receivedAt\": \"2026-12-02T09:00:0"
                        + (i % 10)
                        + "Z\", \"channel\": \"#alerts\", \"status\": \"firing\","
                        + " \"alertname\": \"A\"}")
            .collect(Collectors.joining(",", "{\"messages\": [", "]}"));

    assertThatThrownBy(() -> client().since(START))
        .hasMessageContaining("100 or more messages since the drill started");
  }

  @Test
  void anUnreachableMockSlackIsAnErrorNamingIt() {
    int closed = FreePort.pick();
    MockSlackClient client =
        new MockSlackClient(URI.create("http://127.0.0.1:" + closed), HttpClient.newHttpClient());

    assertThatThrownBy(() -> client.since(START))
        .isInstanceOf(ObserveException.class)
        .hasMessageStartingWith("mock-slack at http://127.0.0.1:" + closed + " cannot be read");
  }
}
