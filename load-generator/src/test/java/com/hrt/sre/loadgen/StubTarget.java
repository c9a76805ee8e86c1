package com.hrt.sre.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the portal on 127.0.0.1: answers every request with a fixed status, or holds every
 * request unanswered (a target slower than any timeout) until {@link #close()}. Counts requests,
 * concurrent requests and the highest concurrency seen.
 */
public final class StubTarget implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final AtomicLong lastRequestNanos = new AtomicLong(System.nanoTime());
  private volatile int status = 200;
  private volatile boolean holding;

  private StubTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static StubTarget answering(int status) {
    StubTarget stub = new StubTarget();
    stub.status = status;
    return stub;
  }

  public static StubTarget holdingEveryRequest() {
    StubTarget stub = new StubTarget();
    stub.holding = true;
    return stub;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public long requests() {
    return requests.get();
  }

  public int maxConcurrent() {
    return maxConcurrent.get();
  }

  public long nanosSinceLastRequest() {
    return System.nanoTime() - lastRequestNanos.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    lastRequestNanos.set(System.nanoTime());
    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
    try (exchange) {
      if (holding) {
        // Bounded so a forgotten close() cannot hang the build.
        released.await(2, TimeUnit.MINUTES);
      }
      byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      concurrent.decrementAndGet();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
