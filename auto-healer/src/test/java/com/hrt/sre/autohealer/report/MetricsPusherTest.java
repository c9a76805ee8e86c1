package com.hrt.sre.autohealer.report;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.detect.UnhealthyPod;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.workload.WorkloadKind;
import com.hrt.sre.autohealer.workload.WorkloadRef;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The run's metrics arrive at a real Pushgateway binary under job="auto-healer". */
class MetricsPusherTest {

  static ManagedProcess pushgateway;
  static String url;

  @BeforeAll
  static void startPushgateway() {
    Path binary =
        ExternalTool.require(
            "apt-get install -y prometheus-pushgateway",
            "prometheus-pushgateway",
            "pushgateway",
            "/usr/bin/prometheus-pushgateway");
    int port = FreePort.pick();
    url = "http://127.0.0.1:" + port;
    pushgateway =
        ManagedProcess.start(
                List.of(binary.toString(), "--web.listen-address=127.0.0.1:" + port),
                Path.of("target", "pushgateway-" + port + ".log"))
            .awaitHttpOk(url + "/-/ready", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopPushgateway() {
    if (pushgateway != null) {
      pushgateway.close();
    }
  }

  @Test
  void runMetricsArriveUnderTheAutoHealerJob() throws Exception {
    boolean pushed = new MetricsPusher(url).push(report(Action.RESTARTED, Action.GAVE_UP));

    assertThat(pushed).isTrue();
    String metrics = scrape();
    assertThat(metrics)
        .contains(
            "autohealer_last_run_timestamp_seconds{instance=\"\",job=\"auto-healer\"} 1.7958672e+09")
        .contains("autohealer_pods_scanned{instance=\"\",job=\"auto-healer\"} 120")
        .contains("autohealer_unhealthy_pods{instance=\"\",job=\"auto-healer\"} 3")
        .contains("autohealer_last_run_success{instance=\"\",job=\"auto-healer\"} 1")
        .contains(
            "autohealer_last_run_actions{action=\"restarted\",instance=\"\",job=\"auto-healer\",namespace=\"portal\",workload=\"deployment/app-0\"} 1")
        .contains(
            "autohealer_last_run_actions{action=\"gave_up\",instance=\"\",job=\"auto-healer\",namespace=\"portal\",workload=\"deployment/app-1\"} 1");
  }

  @Test
  void everyPushedSeriesIsAGaugeBecauseEachDescribesOnlyTheLastRun() throws Exception {
    new MetricsPusher(url).push(report(Action.RESTARTED));

    String metrics = scrape();
    assertThat(metrics)
        .contains("# TYPE autohealer_last_run_actions gauge")
        .doesNotContain("autohealer_actions_total");
    assertThat(metrics.lines().filter(line -> line.startsWith("# TYPE autohealer_")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).endsWith(" gauge"));
  }

  @Test
  void eachPushReplacesTheLastRunsSeries() throws Exception {
    new MetricsPusher(url).push(report(Action.GAVE_UP));
    new MetricsPusher(url).push(report(Action.FAILED));

    String metrics = scrape();
    assertThat(metrics).doesNotContain("action=\"gave_up\"").contains("action=\"failed\"");
    assertThat(metrics)
        .contains("autohealer_last_run_success{instance=\"\",job=\"auto-healer\"} 0");
  }

  @Test
  void anUnreachablePushgatewayIsLoggedNotFatal() {
    String nobody = "http://127.0.0.1:" + FreePort.pick();

    assertThat(new MetricsPusher(nobody).push(report(Action.RESTARTED))).isFalse();
  }

  private static RunReport report(Action... actions) {
    List<WorkloadOutcome> outcomes =
        java.util.stream.IntStream.range(0, actions.length)
            .mapToObj(
                i ->
                    new WorkloadOutcome(
                        new WorkloadRef(WorkloadKind.DEPLOYMENT, "portal", "app-" + i),
                        actions[i],
                        "test",
                        List.of(
                            new UnhealthyPod(
                                "portal",
                                "app-" + i + "-abc",
                                5,
                                "CrashLoopBackOff",
                                Optional.empty()))))
            .toList();
    return new RunReport(
        NOW,
        Duration.ofMillis(420),
        "portal",
        false,
        120,
        3,
        Map.of(),
        Map.of(),
        Map.of(),
        outcomes);
  }

  private static String scrape() throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
