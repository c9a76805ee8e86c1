package com.hrt.sre.portal.chaos;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds a request for the injected latency without holding a request thread.
 *
 * <p>A sleeping request thread is an artefact of the injection, not part of the fault it simulates:
 * with a few seconds of latency and a few dozen requests per second, sleeping threads would exhaust
 * Tomcat's pool and the probes, queued behind them, would time out, turning a latency drill into a
 * crash loop. Instead the request is put into asynchronous mode and one timer thread dispatches it
 * back to the container when its delay is over; the request then continues (failure draw, handler)
 * on a request thread as usual. While it waits it costs a connection and a few objects, no thread,
 * so probes and {@code /metrics} are answered at any latency and traffic below Tomcat's connection
 * limit.
 */
@Component
class ChaosDelay implements SmartLifecycle {

  /** Added to the async timeout, so the container never times out a request we still hold. */
  private static final long TIMEOUT_MARGIN_MS = 30_000;

  private static final Logger log = LoggerFactory.getLogger(ChaosDelay.class);

  // Created on start and discarded on stop: a stopped context can be started again (Spring's test
  // context cache pauses and resumes contexts), and a shut-down executor cannot be reused.
  private volatile ScheduledThreadPoolExecutor timer;

  /**
   * Starts holding {@code request} for {@code millis}; the caller must then return without writing
   * a response. The request is dispatched again (dispatcher type {@code ASYNC}) when the time is
   * up.
   *
   * @return false when the request was not put on hold and should go on now: when shutting down (no
   *     delay), or in the fallback below (the delay already waited out on this thread)
   */
  boolean hold(HttpServletRequest request, long millis) {
    ScheduledThreadPoolExecutor current = timer;
    if (current == null) {
      return false;
    }
    if (!request.isAsyncSupported()) {
      // Only if a filter were registered without async support (Spring Boot registers them all
      // with it): wait on the request thread as before rather than silently skip the latency.
      sleep(millis);
      return false;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(millis + TIMEOUT_MARGIN_MS);
    try {
      Runnable release = async::dispatch;
      current.schedule(release, millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      async.dispatch(); // stopped between the check and here: go on now
      return true;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void start() {
    if (timer == null) {
      timer =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "chaos-delay");
                thread.setDaemon(true);
                return thread;
              });
    }
  }

  /**
   * On shutdown the held requests are released at once rather than kept until the delay is over:
   * they are answered before Tomcat's graceful shutdown (a later phase) waits for them.
   */
  @Override
  public synchronized void stop() {
    ScheduledThreadPoolExecutor stopping = timer;
    if (stopping == null) {
      return;
    }
    timer = null;
    List<Runnable> held = stopping.shutdownNow();
    held.forEach(Runnable::run);
    log.info("event=chaos_delay_stopped released_requests={}", held.size());
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }

  @Override
  public int getPhase() {
    // Stops after the readiness drain (Integer.MAX_VALUE) and before the web server's graceful
    // shutdown (Integer.MAX_VALUE - 1024), which waits for in-flight requests.
    return Integer.MAX_VALUE - 512;
  }
}
