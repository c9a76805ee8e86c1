package com.hrt.sre.batchsync.sync;

import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The simulated "processing" of one record: a record without an id is invalid, and a valid one
 * fails with probability {@code BATCH_FAILURE_RATE}, to exercise the run's failure accounting and
 * the alerts on it.
 */
@Component
class RecordTransformer {

  private final double failureRate;
  private final RandomGenerator random;

  RecordTransformer(BatchSyncProperties properties) {
    this.failureRate = properties.failureRate();
    this.random = RandomGenerator.getDefault();
  }

  /** True when the record was transformed; false when it failed. */
  boolean transform(JsonNode record) {
    if (record == null || !record.isObject() || !record.hasNonNull("id")) {
      return false;
    }
    // nextDouble() is in [0, 1): a rate of 0 never fails, a rate of 1 always does.
    return random.nextDouble() >= failureRate;
  }
}
