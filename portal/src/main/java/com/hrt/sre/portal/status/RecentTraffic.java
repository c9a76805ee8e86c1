package com.hrt.sre.portal.status;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * This instance's API requests and 5xx answers: totals since start and over the last five minutes,
 * for the status page. (Prometheus has the precise series; this is what one pod saw, at a glance.)
 *
 * <p>The window is a ring of 10-second buckets, lock-free so the request path stays cheap. A count
 * landing exactly while its bucket is recycled may be dropped from the window (never from the
 * totals): good enough for a display, and it costs no lock per request.
 */
@Component
class RecentTraffic {

  static final int WINDOW_SECONDS = 300;
  private static final long BUCKET_MILLIS = 10_000;
  private static final int BUCKETS = (int) (WINDOW_SECONDS * 1000L / BUCKET_MILLIS);

  private final Clock clock;
  private final AtomicLongArray bucketSlot = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray bucketRequests = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray bucketErrors = new AtomicLongArray(BUCKETS);
  private final LongAdder totalRequests = new LongAdder();
  private final LongAdder totalErrors = new LongAdder();

  RecentTraffic() {
    this(Clock.systemUTC());
  }

  RecentTraffic(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < BUCKETS; i++) {
      bucketSlot.set(i, -1);
    }
  }

  void record(boolean serverError) {
    long slot = clock.millis() / BUCKET_MILLIS;
    int i = (int) (slot % BUCKETS);
    long seen = bucketSlot.get(i);
    if (seen != slot && bucketSlot.compareAndSet(i, seen, slot)) {
      bucketRequests.set(i, 0);
      bucketErrors.set(i, 0);
    }
    bucketRequests.incrementAndGet(i);
    totalRequests.increment();
    if (serverError) {
      bucketErrors.incrementAndGet(i);
      totalErrors.increment();
    }
  }

  Snapshot snapshot() {
    long now = clock.millis() / BUCKET_MILLIS;
    long requests = 0;
    long errors = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long slot = bucketSlot.get(i);
      if (slot > now - BUCKETS && slot <= now) {
        requests += bucketRequests.get(i);
        errors += bucketErrors.get(i);
      }
    }
    return new Snapshot(requests, errors, totalRequests.sum(), totalErrors.sum());
  }

  /** Counts at one moment; "recent" is the last {@link #WINDOW_SECONDS} seconds. */
  record Snapshot(long recentRequests, long recentErrors, long totalRequests, long totalErrors) {

    String recentErrorPercent() {
      return recentRequests == 0
          ? "0.0"
          : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * recentErrors / recentRequests);
    }
  }
}
