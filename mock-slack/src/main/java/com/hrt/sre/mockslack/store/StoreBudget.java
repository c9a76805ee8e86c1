package com.hrt.sre.mockslack.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's byte budget, checked against the heap at start-up.
 *
 * <p>A budget the heap cannot hold would turn a flood into an OutOfMemoryError (and, with {@code
 * ExitOnOutOfMemoryError}, a restart loop) instead of evictions. The messages may use at most half
 * of the maximum heap; the other half is for Spring, Tomcat, request bodies in flight and the
 * stream. A larger setting is clamped to that half with a warning, so a heap sized down without the
 * setting still starts; a heap too small for even four request bodies is refused.
 */
final class StoreBudget {

  private static final Logger log = LoggerFactory.getLogger(StoreBudget.class);

  private StoreBudget() {}

  static long effective(long configured, long maxBodySize, long maxHeap) {
    long limit = maxHeap / 2;
    if (configured <= limit) {
      return configured;
    }
    if (limit < 4 * maxBodySize) {
      throw new IllegalStateException(
          "the heap ("
              + maxHeap
              + " bytes) is too small for mock-slack: half of it must hold at least 4 x"
              + " mockslack.max-body-size ("
              + maxBodySize
              + " bytes); raise -Xmx or lower the body size");
    }
    log.warn(
        "event=store_budget_clamped configured_bytes={} max_heap_bytes={} effective_bytes={}"
            + " reason=\"mockslack.max-store-size is over half of the max heap\"",
        configured,
        maxHeap,
        limit);
    return limit;
  }
}
