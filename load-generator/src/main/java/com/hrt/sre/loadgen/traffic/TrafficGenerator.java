package com.hrt.sre.loadgen.traffic;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Open-model traffic: a fixed ticker releases requests at the target rate whether or not earlier
 * ones were answered (a closed loop would slow down with the target and hide its latency).
 *
 * <p>Each tick sends the requests the {@link Pacer} says are due, so fractional rates and
 * scheduling jitter average out exactly over time. A request that finds {@code maxInFlight}
 * requests already waiting is dropped and counted, never queued: a slow target costs a bounded
 * number of sockets, and no threads.
 */
@Component
class TrafficGenerator implements SmartLifecycle {

  /**
   * Tick period: 200 wake-ups a second are cheap and keep bursts small even at the maximum rate.
   */
  static final Duration TICK = Duration.ofMillis(5);

  /**
   * After a stall (GC pause, suspended laptop) at most this much backlog is sent at once; the rest
   * is counted as dropped rather than fired as a burst.
   */
  private static final double MAX_BACKLOG_SECONDS = 1.0;

  private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

  private final TargetRate targetRate;
  private final RequestMix mix;
  private final TrafficMetrics metrics;
  private final LoadGeneratorProperties properties;
  private final Semaphore inFlight;

  private ScheduledExecutorService ticker;
  private TargetClient client;
  private Pacer pacer;
  private volatile boolean running;

  TrafficGenerator(
      TargetRate targetRate,
      RequestMix mix,
      TrafficMetrics metrics,
      LoadGeneratorProperties properties) {
    this.targetRate = targetRate;
    this.mix = mix;
    this.metrics = metrics;
    this.properties = properties;
    this.inFlight = new Semaphore(properties.maxInFlight());
    metrics.inFlight(() -> properties.maxInFlight() - inFlight.availablePermits());
  }

  @Override
  public synchronized void start() {
    client = new TargetClient(properties.requestTimeout());
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "loadgen-ticker");
              thread.setDaemon(true);
              return thread;
            });
    pacer = new Pacer(System.nanoTime(), MAX_BACKLOG_SECONDS);
    ticker.scheduleAtFixedRate(this::tick, 0, TICK.toNanos(), TimeUnit.NANOSECONDS);
    running = true;
    log.info(
        "event=traffic_started target={} rate={} max_rate={} max_in_flight={} timeout_ms={}",
        properties.targetUrl(),
        targetRate.current(),
        TargetRate.MAX_RATE,
        properties.maxInFlight(),
        properties.requestTimeout().toMillis());
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (ticker != null) {
      ticker.shutdownNow();
      client.close();
    }
    log.info("event=traffic_stopped");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Runs on the single ticker thread only, which owns the pacer. */
  private void tick() {
    try {
      Pacer.Due due = pacer.advance(System.nanoTime(), targetRate.current());
      if (due.skipped() > 0) {
        metrics.dropped(due.skipped());
        log.warn("event=ticker_stalled dropped={}", due.skipped());
      }
      for (int i = 0; i < due.send(); i++) {
        fire();
      }
    } catch (RuntimeException unexpected) {
      // A throwing task would silently cancel the fixed-rate schedule: log and keep ticking.
      log.error("event=tick_failed error=\"{}\"", unexpected.toString(), unexpected);
    }
  }

  private void fire() {
    if (!inFlight.tryAcquire()) {
      metrics.dropped(1);
      return;
    }
    long startNanos = System.nanoTime();
    CompletableFuture<Outcome> sent;
    try {
      sent = client.send(mix.next());
    } catch (RuntimeException notSent) {
      inFlight.release();
      throw notSent;
    }
    sent.whenComplete(
        (outcome, impossible) -> {
          inFlight.release();
          metrics.completed(outcome, System.nanoTime() - startNanos);
        });
  }
}
