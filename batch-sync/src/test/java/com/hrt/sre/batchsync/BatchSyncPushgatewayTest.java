package com.hrt.sre.batchsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs against the real Pushgateway binary on 127.0.0.1: what a successful and then a failed run
 * leave under job "batch-sync", which is what Prometheus scrapes and the alerts read.
 */
class BatchSyncPushgatewayTest {

  private static final long TOTAL = 250;

  @TempDir Path logs;

  private ManagedProcess pushgateway;
  private String pushgatewayUrl;
  private StubPortal portal;

  @BeforeEach
  void start() {
    Path binary =
        ExternalTool.require(
            "apt-get install prometheus-pushgateway",
            "prometheus-pushgateway",
            "pushgateway",
            "/usr/bin/prometheus-pushgateway");
    int port = FreePort.pick();
    pushgatewayUrl = "http://127.0.0.1:" + port;
    pushgateway =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--web.listen-address=127.0.0.1:" + port,
                    // Debian's build persists to /var/lib/prometheus/pushgateway.data by default,
                    // shared by every Pushgateway on the machine: keep this one in memory.
                    "--persistence.file="),
                logs.resolve("pushgateway.log"))
            .awaitHttpOk(pushgatewayUrl + "/-/ready", Duration.ofSeconds(30));
    portal = new StubPortal().serving(TOTAL, 100);
  }

  @AfterEach
  void stop() {
    if (portal != null) {
      portal.close();
    }
    if (pushgateway != null) {
      pushgateway.close();
    }
  }

  @Test
  void successfulRunPushesItsMetricsUnderJobBatchSync() throws Exception {
    long before = System.currentTimeMillis() / 1000;

    assertThat(BatchSyncRuns.run(portal.url(), pushgatewayUrl)).isZero();

    String metrics = pushgatewayMetrics();
    assertThat(value(metrics, "batch_sync_last_run_success")).isEqualTo(1.0);
    assertThat(value(metrics, "batch_sync_records_processed_total")).isEqualTo(TOTAL);
    assertThat(value(metrics, "batch_sync_records_failed_total")).isZero();
    assertThat(value(metrics, "batch_sync_duration_seconds")).isPositive();
    assertThat(value(metrics, "batch_sync_last_run_timestamp_seconds"))
        .isGreaterThanOrEqualTo(before)
        .isEqualTo(value(metrics, "batch_sync_last_success_timestamp_seconds"));
  }

  @Test
  void failedRunAfterASuccessKeepsTheLastSuccessTime() throws Exception {
    assertThat(BatchSyncRuns.run(portal.url(), pushgatewayUrl)).isZero();
    String afterSuccess = pushgatewayMetrics();
    double lastSuccess = value(afterSuccess, "batch_sync_last_success_timestamp_seconds");
    double successRunEnded = value(afterSuccess, "batch_sync_last_run_timestamp_seconds");

    assertThat(BatchSyncRuns.run(portal.url(), pushgatewayUrl, "BATCH_FAILURE_RATE=1"))
        .isEqualTo(1);

    String afterFailure = pushgatewayMetrics();
    assertThat(value(afterFailure, "batch_sync_last_run_success")).isZero();
    assertThat(value(afterFailure, "batch_sync_records_failed_total")).isEqualTo(TOTAL);
    assertThat(value(afterFailure, "batch_sync_records_processed_total")).isZero();
    assertThat(value(afterFailure, "batch_sync_last_run_timestamp_seconds"))
        .isGreaterThan(successRunEnded);
    assertThat(value(afterFailure, "batch_sync_last_success_timestamp_seconds"))
        .isEqualTo(lastSuccess);
  }

  @Test
  void failedFirstRunPushesNoSuccessTime() throws Exception {
    assertThat(BatchSyncRuns.run(portal.url(), pushgatewayUrl, "BATCH_FAILURE_RATE=1"))
        .isEqualTo(1);

    String metrics = pushgatewayMetrics();
    assertThat(value(metrics, "batch_sync_last_run_success")).isZero();
    assertThat(metrics).doesNotContain("batch_sync_last_success_timestamp_seconds{");
  }

  private String pushgatewayMetrics() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(pushgatewayUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of {@code metric} in the group of job "batch-sync". */
  private static double value(String exposition, String metric) {
    Matcher sample =
        Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
            .matcher(exposition);
    while (sample.find()) {
      if (sample.group(1).contains("job=\"batch-sync\"")) {
        return Double.parseDouble(sample.group(2));
      }
    }
    throw new AssertionError(metric + " with job=\"batch-sync\" not in:\n" + exposition);
  }
}
