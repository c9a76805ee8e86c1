package com.hrt.sre.batchsync.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * The facts of one finished run that its pushed metrics carry.
 *
 * @param processed records processed successfully
 * @param failed records that failed (transform failures and records of pages never fetched)
 * @param duration wall time of the run
 * @param finishedAt when the run ended
 * @param success whether the run succeeded (exit code 0)
 */
public record RunReport(
    long processed, long failed, Duration duration, Instant finishedAt, boolean success) {}
