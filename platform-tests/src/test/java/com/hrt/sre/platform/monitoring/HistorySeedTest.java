package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prometheus/history/seed-history.sh, the month of history both modes give an empty Prometheus: run
 * as the cluster's init container runs it (busybox sh with only the busybox applets the Prometheus
 * image has, and the real promtool), then read by the real prometheus through the SLO's own
 * windows.
 */
class HistorySeedTest {

  private static final Path SCRIPT = RepoFiles.resolve("prometheus/history/seed-history.sh");
  private static final String REQUESTS =
      "sum(rate(http_server_requests_seconds_count{job=\"portal\", uri=~\"/api(/.*)?\"}[%s]))";
  private static final String ERRORS =
      "sum(rate(http_server_requests_seconds_count{job=\"portal\", uri=~\"/api(/.*)?\","
          + " status=~\"5..\"}[30d]))";

  @Test
  void anEmptyDataDirectoryGetsAMonthOfHealthyTrafficThatTheSloWindowsRead(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);

    seed(dir, data, Map.of());

    Path prometheus = ExternalTool.require("apt-get install -y prometheus", "prometheus");
    int port = FreePort.pick();
    Path config = Files.writeString(dir.resolve("prometheus.yml"), "global: {}\n");
    try (ManagedProcess server =
        ManagedProcess.start(
            List.of(
                prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=31d",
                "--web.listen-address=127.0.0.1:" + port),
            dir.resolve("prometheus.log"))) {
      String base = "http://127.0.0.1:" + port;
      server.awaitHttpOk(base + "/-/ready", Duration.ofSeconds(60));
      // The load generator's default rate, over every window the burn-rate rules read.
      // (Down to 6h: the month ends a minute ago, where the live scrapes take over.)
      for (String window : List.of("30d", "3d", "1d", "6h")) {
        assertThat(query(base, REQUESTS.formatted(window)))
            .as("requests/s over " + window)
            .isCloseTo(5.0, offset(0.1));
      }
      assertThat(queryResultCount(base, ERRORS)).as("no error series: a healthy month").isZero();
    }
  }

  @Test
  void aDirectoryWithDataIsLeftAlone(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path live = Files.writeString(data.resolve("live-block-marker"), "live");

    seed(dir, data, Map.of());

    try (var files = Files.list(data)) {
      assertThat(files.toList()).containsExactly(live);
    }
  }

  @Test
  void zeroDaysWritesNothingAndABadValueIsRefused(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);

    seed(dir, data, Map.of("HISTORY_DAYS", "0"));
    try (var files = Files.list(data)) {
      assertThat(files.toList()).isEmpty();
    }

    Result refused = run(dir, data, Map.of("HISTORY_RATE", "5/s"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output()).contains("HISTORY_DAYS and HISTORY_RATE must be whole numbers");
  }

  private static void seed(Path dir, Path data, Map<String, String> env) throws Exception {
    Result result = run(dir, data, env);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private record Result(int exitCode, String output) {}

  /**
   * busybox sh with a PATH of exactly the commands the Prometheus image offers the script (busybox
   * applets and promtool), so a bash-ism or a GNU-only flag fails here as it would in the pod.
   */
  private static Result run(Path dir, Path data, Map<String, String> env) throws Exception {
    Path busybox = ExternalTool.require("apt-get install -y busybox", "busybox");
    Path promtool = ExternalTool.require("apt-get install -y prometheus", "promtool");
    Path bin = dir.resolve("bin");
    if (!Files.isDirectory(bin)) {
      Files.createDirectories(bin);
      for (String applet : List.of("awk", "date", "ls", "mktemp", "rm")) {
        Files.createSymbolicLink(bin.resolve(applet), busybox);
      }
      Files.createSymbolicLink(bin.resolve("promtool"), promtool);
    }
    ProcessBuilder builder =
        new ProcessBuilder(busybox.toString(), "sh", SCRIPT.toString(), data.toString())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", bin.toString());
    builder.environment().put("TMPDIR", dir.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("seed-history.sh did not finish in 3 minutes");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static double query(String base, String promql) throws IOException, InterruptedException {
    Matcher value =
        Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]").matcher(get(base, promql));
    assertThat(value.find()).as("a value for " + promql).isTrue();
    return Double.parseDouble(value.group(1));
  }

  private static int queryResultCount(String base, String promql)
      throws IOException, InterruptedException {
    return (int) Pattern.compile("\"metric\":").matcher(get(base, promql)).results().count();
  }

  private static String get(String base, String promql) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            base
                                + "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
