package com.hrt.sre.batchsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.testsupport.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Whole runs of the job against a WireMock portal; pushing disabled (PUSHGATEWAY_URL empty). */
@ExtendWith(OutputCaptureExtension.class)
class BatchSyncAgainstStubPortalTest {

  private static final int SIZE = 100;
  private static final long TOTAL = 250;

  private final StubPortal portal = new StubPortal();

  @AfterEach
  void stopPortal() {
    portal.close();
  }

  @Test
  void fetchesEveryPageAndSucceeds(CapturedOutput output) {
    portal.serving(TOTAL, SIZE);

    int exitCode = BatchSyncRuns.run(portal.url(), "");

    assertThat(exitCode).isZero();
    RunSummary summary = RunSummary.lastIn(output.getOut());
    assertThat(summary.number("records_ok")).isEqualTo(TOTAL);
    assertThat(summary.number("records_failed")).isZero();
    assertThat(summary.number("pages")).isEqualTo(3);
    assertThat(summary.field("outcome")).isEqualTo("success");
    for (int page = 0; page < 3; page++) {
      assertThat(portal.requestsForPage(page)).as("requests for page %d", page).isEqualTo(1);
    }
  }

  @Test
  void batchSizeSetsThePageSize(CapturedOutput output) {
    portal.serving(TOTAL, 50);

    int exitCode = BatchSyncRuns.run(portal.url(), "", "BATCH_SIZE=50");

    assertThat(exitCode).isZero();
    assertThat(RunSummary.lastIn(output.getOut()).number("pages")).isEqualTo(5);
  }

  @Test
  void retriesA503AndThenSucceeds(CapturedOutput output) {
    portal.serving(TOTAL, SIZE).failingOnceWith503(1, SIZE, TOTAL);

    int exitCode = BatchSyncRuns.run(portal.url(), "");

    assertThat(exitCode).isZero();
    RunSummary summary = RunSummary.lastIn(output.getOut());
    assertThat(summary.number("records_ok")).isEqualTo(TOTAL);
    assertThat(summary.number("retries")).isEqualTo(1);
    assertThat(portal.requestsForPage(1)).isEqualTo(2);
  }

  @Test
  void aPageFailingEveryAttemptFailsTheRunAndCountsItsRecords(CapturedOutput output) {
    portal.serving(TOTAL, SIZE).alwaysFailingWith503(1, SIZE);

    int exitCode = BatchSyncRuns.run(portal.url(), "");

    assertThat(exitCode).isEqualTo(1);
    RunSummary summary = RunSummary.lastIn(output.getOut());
    assertThat(summary.number("records_failed")).isEqualTo(SIZE);
    assertThat(summary.number("records_ok")).isEqualTo(TOTAL - SIZE);
    assertThat(summary.field("reason")).isEqualTo("failed_ratio_exceeded");
    // max-attempts defaults to 4: the first attempt and three retries, then the page is given up.
    assertThat(portal.requestsForPage(1)).isEqualTo(4);
  }

  @Test
  void failedRatioWithinMaxFailedRatioStillSucceeds(CapturedOutput output) {
    long total = 2500; // one failed page of 100 = 4%, below the default 5%
    portal.serving(total, SIZE).alwaysFailingWith503(3, SIZE);

    int exitCode = BatchSyncRuns.run(portal.url(), "");

    assertThat(exitCode).isZero();
    RunSummary summary = RunSummary.lastIn(output.getOut());
    assertThat(summary.number("records_failed")).isEqualTo(SIZE);
    assertThat(summary.field("failed_ratio")).isEqualTo("0.0400");
  }

  @Test
  void failureRateOneFailsEveryRecordAndTheRun(CapturedOutput output) {
    portal.serving(TOTAL, SIZE);

    int exitCode = BatchSyncRuns.run(portal.url(), "", "BATCH_FAILURE_RATE=1");

    assertThat(exitCode).isEqualTo(1);
    RunSummary summary = RunSummary.lastIn(output.getOut());
    assertThat(summary.number("records_failed")).isEqualTo(TOTAL);
    assertThat(summary.number("records_ok")).isZero();
  }

  @Test
  void unreachablePortalFailsTheRun(CapturedOutput output) {
    int nothingListens = FreePort.pick();

    int exitCode = BatchSyncRuns.run("http://127.0.0.1:" + nothingListens, "");

    assertThat(exitCode).isEqualTo(1);
    assertThat(RunSummary.lastIn(output.getOut()).field("reason")).isEqualTo("portal_unreachable");
  }

  @Test
  void unreachablePushgatewayIsLoggedAndKeepsTheRunsExitCode(CapturedOutput output) {
    portal.serving(TOTAL, SIZE);
    int nothingListens = FreePort.pick();

    int exitCode = BatchSyncRuns.run(portal.url(), "http://127.0.0.1:" + nothingListens);

    assertThat(exitCode).isZero();
    assertThat(output.getOut()).contains("event=metrics_push_failed").doesNotContain("\tat java.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BATCH_SIZE=0",
        "BATCH_SIZE=501",
        "BATCH_SIZE=many",
        "BATCH_FAILURE_RATE=1.5",
        "MAX_FAILED_RATIO=-0.1",
        "PORTAL_URL=ftp://portal",
        "PUSHGATEWAY_URL=localhost:9091",
        "batch-sync.retry.max-attempts=0"
      })
  void invalidConfigurationExitsWithTwoAndSaysWhat(String setting, CapturedOutput output) {
    portal.serving(TOTAL, SIZE);

    int exitCode = BatchSyncRuns.run(portal.url(), "", setting);

    assertThat(exitCode).isEqualTo(2);
    assertThat(output.getOut()).contains("event=config_error");
    assertThat(portal.requestsForPage(0)).isZero();
  }
}
