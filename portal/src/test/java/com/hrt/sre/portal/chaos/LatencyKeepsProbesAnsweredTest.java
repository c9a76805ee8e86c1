package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.portal.PortalClient;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * Latency chaos must not starve the probes: while API requests wait out a large latency, liveness
 * and readiness still answer within the timeouts the Deployment gives their probes (read from
 * k8s/base/portal.yaml), and the held requests get exactly the configured latency, in the responses
 * and in the histogram the latency alert reads. {@link ThousandsOfSlowRequestsTest} does the same
 * with thousands of requests and counts the platform threads.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "portal.chaos.admin-token=" + PortalClient.TOKEN})
class LatencyKeepsProbesAnsweredTest {

  static final int HELD_REQUESTS = 12;
  static final long LATENCY_MS = 4_000;
  static final Path MANIFEST = Path.of("..", "k8s", "base", "portal.yaml");

  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @LocalServerPort int port;

  @Test
  void probesAnswerWithinTheirTimeoutWhileLatencyHoldsRequests() throws IOException {
    Duration livenessTimeout = probeTimeout("livenessProbe");
    Duration readinessTimeout = probeTimeout("readinessProbe");
    PortalClient portal = new PortalClient(port);
    assertThat(
            portal.putAsAdmin("/admin/chaos", "{\"latencyMs\": " + LATENCY_MS + "}").statusCode())
        .isEqualTo(200);

    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> held =
        IntStream.rangeClosed(1, HELD_REQUESTS)
            .mapToObj(id -> send("/api/records/" + id, Duration.ofSeconds(60)))
            .toList();
    // Probe every 250 ms until the held requests are answered: about 16 rounds with the fix; a
    // bounded number of requests in a bounded time either way.
    List<String> slowProbes = new ArrayList<>();
    List<Integer> rounds = new ArrayList<>();
    await("the held API requests to be answered")
        .atMost(Duration.ofMillis(4 * LATENCY_MS).plusSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              boolean allAnswered = held.stream().allMatch(CompletableFuture::isDone);
              rounds.add(1);
              probe("/health/liveness", livenessTimeout).ifPresent(slowProbes::add);
              probe("/health/readiness", readinessTimeout).ifPresent(slowProbes::add);
              return allAnswered;
            });
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(slowProbes).as("probes that failed or missed their timeout").isEmpty();
    assertThat(rounds).as("probe rounds while the requests were held").hasSizeGreaterThan(5);
    assertThat(held).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    // Held at the same time, not one after the other.
    assertThat(elapsedMs).isBetween(LATENCY_MS, 2 * LATENCY_MS);
    // The server-side histogram the latency alert reads carries the injected latency too.
    assertThat(secondsSum(portal.get("/metrics").body()))
        .isGreaterThanOrEqualTo(HELD_REQUESTS * LATENCY_MS / 1000.0);
    portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
  }

  /** Empty when the probe answered 200 in time, else what went wrong. */
  private java.util.Optional<String> probe(String path, Duration timeout) {
    long start = System.nanoTime();
    try {
      int status = send(path, timeout).join().statusCode();
      long ms = (System.nanoTime() - start) / 1_000_000;
      return status == 200
          ? java.util.Optional.empty()
          : java.util.Optional.of(path + " answered " + status + " after " + ms + " ms");
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        return java.util.Optional.of(path + " no answer within " + timeout.toMillis() + " ms");
      }
      throw e;
    }
  }

  private CompletableFuture<HttpResponse<String>> send(String path, Duration timeout) {
    return HTTP_1_1.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(timeout)
            .build(),
        BodyHandlers.ofString());
  }

  private static double secondsSum(String metrics) {
    Matcher sum =
        Pattern.compile(
                "^http_server_requests_seconds_sum\\{[^}]*status=\"200\",uri=\"/api/records/\\{id}\"} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    return sum.find() ? Double.parseDouble(sum.group(1)) : 0.0;
  }

  /** The portal container's probe timeout in the shipped Deployment. */
  @SuppressWarnings("unchecked")
  static Duration probeTimeout(String probe) throws IOException {
    try (Reader reader = Files.newBufferedReader(MANIFEST)) {
      for (Object document : new Yaml().loadAll(reader)) {
        Map<String, Object> object = (Map<String, Object>) document;
        if (object == null || !"Deployment".equals(object.get("kind"))) {
          continue;
        }
        Map<String, Object> spec =
            (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template"))
                    .get("spec");
        for (Object c : (List<Object>) spec.get("containers")) {
          Map<String, Object> container = (Map<String, Object>) c;
          if ("portal".equals(container.get("name"))) {
            Map<String, Object> settings = (Map<String, Object>) container.get(probe);
            // Kubernetes' default when the field is absent is 1 second.
            Object seconds = settings.getOrDefault("timeoutSeconds", 1);
            return Duration.ofSeconds(((Number) seconds).longValue());
          }
        }
      }
    }
    throw new AssertionError("no portal container with a " + probe + " in " + MANIFEST);
  }
}
