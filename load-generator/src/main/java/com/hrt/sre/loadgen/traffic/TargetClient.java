package com.hrt.sre.loadgen.traffic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one GET to the target without blocking the caller and classifies how it ended. The JDK
 * HttpClient runs on a small fixed pool: in-flight requests wait on sockets, not on threads, so the
 * thread count stays the same however slow the target is.
 */
class TargetClient implements AutoCloseable {

  private static final int CLIENT_THREADS = 2;

  private final ExecutorService executor;
  private final HttpClient client;
  private final Duration requestTimeout;

  TargetClient(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    this.executor = Executors.newFixedThreadPool(CLIENT_THREADS, daemonThreads("loadgen-http-"));
    this.client =
        HttpClient.newBuilder()
            // Plain HTTP/1.1: the portal speaks it, and h2c upgrade headers would only add noise.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /** Completes (never exceptionally) with the outcome once the response or failure is known. */
  CompletableFuture<Outcome> send(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("User-Agent", "hrt-sre-load-generator")
            .header("Accept", "application/json")
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) ->
                failure == null
                    ? Outcome.ofStatus(response.statusCode())
                    : Outcome.ofFailure(failure));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
