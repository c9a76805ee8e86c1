package com.hrt.sre.portal.chaos;

import static org.awaitility.Awaitility.await;

import com.hrt.sre.portal.PortalClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With the shipped configuration (virtual request threads), thousands of API requests waiting out a
 * long injected latency hold no platform threads: they are all held at once, the probes keep
 * answering in well under their timeout, and the JVM's platform thread count barely moves. With
 * {@code spring.threads.virtual.enabled=false} this fails: Tomcat's 200 platform threads are all
 * asleep, the other requests and the probes queue behind them (docs/runtime-threads.md).
 */
// A fresh context: no other test class may inherit the latency (or, with platform threads, the
// requests still queued when this one ends).
@DirtiesContext
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "portal.chaos.admin-token=" + PortalClient.TOKEN})
class ThousandsOfSlowRequestsTest {

  static final int REQUESTS = 2_000;

  /**
   * Long enough to ramp up and probe on a loaded 2-core machine while every request still waits.
   */
  static final Duration LATENCY = Duration.ofSeconds(45);

  static final Duration RAMP_UP_BOUND = Duration.ofSeconds(30);

  /**
   * A slow request's clock starts when it is sent, its delay when the portal reads it: up to a
   * ramp-up later, and its answer may take as long again on a starved machine.
   */
  static final Duration SLOW_REQUEST_TIMEOUT = LATENCY.plus(RAMP_UP_BOUND.multipliedBy(2));

  /**
   * Platform threads the JVM may add while the requests wait (virtual-thread carriers, the test's
   * HTTP client): a few. With platform request threads Tomcat alone adds up to 200.
   */
  static final int EXTRA_PLATFORM_THREADS = 40;

  static final int PROBE_ROUNDS = 4;

  @LocalServerPort int port;
  @Autowired ChaosDelay delay;

  @Test
  void probesAnswerAndNoPlatformThreadIsHeldWhileThousandsOfRequestsWaitOutTheLatency()
      throws IOException {
    // The kubelet's bound: the probes' timeout in the shipped Deployment (3 s).
    Duration probeBound =
        Collections.min(
            List.of(
                LatencyKeepsProbesAnsweredTest.probeTimeout("livenessProbe"),
                LatencyKeepsProbesAnsweredTest.probeTimeout("readinessProbe")));
    PortalClient portal = new PortalClient(port);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean(); // counts platform threads only
    int platformThreadsBefore = threads.getThreadCount();
    portal.putAsAdmin("/admin/chaos", "{\"latencyMs\": " + LATENCY.toMillis() + "}");
    SoftAssertions softly = new SoftAssertions();

    // The client's callbacks run on virtual threads, and HTTP/1.1 opens one connection per
    // request in flight: the client caps neither the concurrency nor adds platform threads.
    try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads)
                .build()) {
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<Void>>> slow =
          IntStream.range(0, REQUESTS)
              .mapToObj(i -> send(client, "/api/records/" + (i + 1), SLOW_REQUEST_TIMEOUT))
              .toList();

      softly
          .assertThatCode(
              () ->
                  await("all " + REQUESTS + " requests waiting out the latency at once")
                      .atMost(RAMP_UP_BOUND)
                      .pollInterval(Duration.ofMillis(100))
                      .until(() -> delay.waiting() >= REQUESTS))
          .as("requests held at once (%d reached the delay)", delay.waiting())
          .doesNotThrowAnyException();
      long heldAfterMs = (System.nanoTime() - start) / 1_000_000;

      // The probes come from a client of their own, as the kubelet's do, back to back: each is
      // bounded by the probe timeout, so the rounds are bounded too.
      List<String> slowProbes = new ArrayList<>();
      int peakPlatformThreads = threads.getThreadCount();
      Map<String, Integer> peakThreadNames = platformThreadNames();
      List<Integer> waitingPerRound = new ArrayList<>();
      try (HttpClient kubelet =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(clientThreads)
              .build()) {
        for (int round = 0; round < PROBE_ROUNDS; round++) {
          probe(kubelet, "/health/liveness", probeBound).ifPresent(slowProbes::add);
          probe(kubelet, "/health/readiness", probeBound).ifPresent(slowProbes::add);
          waitingPerRound.add(delay.waiting());
          int count = threads.getThreadCount();
          if (count > peakPlatformThreads) {
            peakPlatformThreads = count;
            peakThreadNames = platformThreadNames();
          }
        }
      }
      System.out.printf(
          "held=%d after_ms=%d platform_threads_before=%d peak=%d probe_failures=%d%n",
          delay.waiting(),
          heldAfterMs,
          platformThreadsBefore,
          peakPlatformThreads,
          slowProbes.size());

      softly
          .assertThat(slowProbes)
          .as("probes that missed %d ms while %d requests waited", probeBound.toMillis(), REQUESTS)
          .isEmpty();
      softly
          .assertThat(peakPlatformThreads - platformThreadsBefore)
          .as(
              "platform threads added (%d before, peak %d: %s)",
              platformThreadsBefore, peakPlatformThreads, peakThreadNames)
          .isLessThanOrEqualTo(EXTRA_PLATFORM_THREADS);
      // Still far more than Tomcat's 200 platform threads could hold, though on a starved machine
      // the first requests may be answered before the last round.
      softly
          .assertThat(waitingPerRound)
          .as("requests waiting out the latency at each probe round")
          .allMatch(waiting -> waiting > REQUESTS / 2);

      Map<String, Integer> outcomes = new TreeMap<>();
      slow.forEach(response -> outcomes.merge(outcome(response), 1, Integer::sum));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      softly
          .assertThat(outcomes)
          .as("how the slow requests ended")
          .isEqualTo(Map.of("200", REQUESTS));
      // The wait was real (that they waited side by side, the probe rounds counted above).
      softly
          .assertThat(elapsed)
          .as("time until all slow requests were answered")
          .isGreaterThan(LATENCY);
    }
    softly.assertAll();
  }

  /** Empty when the probe answered 200 within the bound, else what went wrong. */
  private java.util.Optional<String> probe(HttpClient client, String path, Duration bound) {
    long start = System.nanoTime();
    String outcome = outcome(send(client, path, bound));
    long ms = (System.nanoTime() - start) / 1_000_000;
    return outcome.equals("200")
        ? java.util.Optional.empty()
        : java.util.Optional.of(path + " " + outcome + " after " + ms + " ms");
  }

  private CompletableFuture<HttpResponse<Void>> send(
      HttpClient client, String path, Duration timeout) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(timeout)
            .build(),
        BodyHandlers.discarding());
  }

  /**
   * The status code, or the exception's name when there was no answer (timeout, reset...). The
   * request's own timeout ends it; the margin only guards against a client that never completes.
   */
  private static String outcome(CompletableFuture<HttpResponse<Void>> response) {
    try {
      return String.valueOf(
          response.get(SLOW_REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS).statusCode());
    } catch (ExecutionException failed) {
      return failed.getCause().getClass().getSimpleName();
    } catch (TimeoutException stuck) {
      return "no completion";
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Live platform threads by name with the digits removed, e.g. {@code http-nio-#-exec-#=200}. */
  private static Map<String, Integer> platformThreadNames() {
    Map<String, Integer> names = new TreeMap<>();
    Thread.getAllStackTraces().keySet().stream()
        .map(thread -> thread.getName().replaceAll("\\d+", "#"))
        .forEach(name -> names.merge(name, 1, Integer::sum));
    return names;
  }
}
