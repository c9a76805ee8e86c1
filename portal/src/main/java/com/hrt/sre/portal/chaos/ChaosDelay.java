package com.hrt.sre.portal.chaos;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Waits out the injected latency on the request's own thread, which is a virtual thread ({@code
 * spring.threads.virtual.enabled=true}, docs/runtime-threads.md).
 *
 * <p>A waiting virtual thread is unmounted from its carrier: it holds no platform thread, only its
 * stack on the heap, so thousands of delayed requests leave Tomcat free to answer probes and {@code
 * /metrics}. With platform request threads the same wait would exhaust Tomcat's pool (200 threads)
 * and the probes would queue behind it, turning a latency drill into a crash loop; the start-up log
 * says so if virtual threads are switched off.
 *
 * <p>On shutdown every waiting request is released at once rather than kept until its delay is
 * over: they are answered before Tomcat's graceful shutdown (a later phase) waits for them.
 */
@Component
class ChaosDelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChaosDelay.class);

  private final boolean virtualThreads;
  private final AtomicInteger waiting = new AtomicInteger();

  // Opened (counted down) on stop, which ends every wait; a new one on start, because a stopped
  // context can be started again (Spring's test context cache pauses and resumes contexts).
  private volatile CountDownLatch shutdown;

  ChaosDelay(Environment environment) {
    this.virtualThreads = Threading.VIRTUAL.isActive(environment);
  }

  /** Blocks the calling request thread for {@code millis}, or less if the portal shuts down. */
  void await(long millis) {
    CountDownLatch current = shutdown;
    if (current == null) {
      return; // stopping: no delay
    }
    waiting.incrementAndGet();
    try {
      current.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** Requests waiting out their delay right now. */
  int waiting() {
    return waiting.get();
  }

  @Override
  public synchronized void start() {
    if (shutdown == null) {
      shutdown = new CountDownLatch(1);
    }
    if (!virtualThreads) {
      log.warn(
          "event=chaos_delay_on_platform_threads spring.threads.virtual.enabled=false"
              + " effect=\"each delayed request holds a Tomcat thread; enough latency starves the"
              + " probes\"");
    }
  }

  @Override
  public synchronized void stop() {
    CountDownLatch stopping = shutdown;
    if (stopping == null) {
      return;
    }
    shutdown = null;
    int released = waiting.get();
    stopping.countDown();
    log.info("event=chaos_delay_stopped released_requests={}", released);
  }

  @Override
  public boolean isRunning() {
    return shutdown != null;
  }

  @Override
  public int getPhase() {
    // Stops after the readiness drain (Integer.MAX_VALUE) and before the web server's graceful
    // shutdown (Integer.MAX_VALUE - 1024), which waits for in-flight requests.
    return Integer.MAX_VALUE - 512;
  }
}
