package com.hrt.sre.batchsync.sync;

import com.hrt.sre.batchsync.metrics.PushgatewayProperties;
import com.hrt.sre.batchsync.metrics.RunMetrics;
import com.hrt.sre.batchsync.metrics.RunReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * One run of the job: sync, judge, record the metrics, log one summary line, and hand the exit code
 * to {@code SpringApplication.exit} (0 success; 1 too many failed records or portal unreachable).
 * Every run that starts ends with metrics registered, even after an unexpected error, so the
 * Pushgateway always learns how the last run went.
 */
@Component
class BatchRun implements ApplicationRunner, ExitCodeGenerator {

  static final int SUCCESS = 0;
  static final int FAILED = 1;

  private static final Logger log = LoggerFactory.getLogger(BatchRun.class);

  private final RecordSync sync;
  private final RunMetrics metrics;
  private final BatchSyncProperties properties;
  private final PushgatewayProperties pushgateway;
  private final Clock clock = Clock.systemUTC();
  private volatile int exitCode = FAILED;

  BatchRun(
      RecordSync sync,
      RunMetrics metrics,
      BatchSyncProperties properties,
      PushgatewayProperties pushgateway) {
    this.sync = sync;
    this.metrics = metrics;
    this.properties = properties;
    this.pushgateway = pushgateway;
  }

  @Override
  public void run(ApplicationArguments args) {
    Instant started = clock.instant();
    log.info(
        "event=run_started portal={} batch_size={} failure_rate={} max_failed_ratio={}",
        properties.portalUrl(),
        properties.batchSize(),
        properties.failureRate(),
        properties.maxFailedRatio());
    SyncResult result;
    String reason;
    try {
      result = sync.syncAll();
      reason = judge(result);
    } catch (RuntimeException unexpected) {
      log.error("event=run_crashed error=\"{}\"", unexpected, unexpected);
      result = new SyncResult(0, 0, 0, 0, 0, false);
      reason = "unexpected_error";
    }
    boolean success = reason.equals("ok");
    Instant finished = clock.instant();
    Duration duration = Duration.between(started, finished);
    metrics.publish(new RunReport(result.ok(), result.failed(), duration, finished, success));
    exitCode = success ? SUCCESS : FAILED;
    log.info(
        "event=run_finished outcome={} reason={} records_total={} records_ok={} records_failed={}"
            + " failed_ratio={} max_failed_ratio={} pages={} retries={} duration_ms={}"
            + " exit_code={} pushgateway={}",
        success ? "success" : "failed",
        reason,
        result.total(),
        result.ok(),
        result.failed(),
        String.format(Locale.ROOT, "%.4f", result.failedRatio()),
        properties.maxFailedRatio(),
        result.pages(),
        result.retries(),
        duration.toMillis(),
        exitCode,
        pushgateway.enabled() ? pushgateway.url() : "disabled");
  }

  private String judge(SyncResult result) {
    if (result.portalUnreachable()) {
      return "portal_unreachable";
    }
    if (result.failedRatio() > properties.maxFailedRatio()) {
      return "failed_ratio_exceeded";
    }
    return "ok";
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
