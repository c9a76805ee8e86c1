package com.hrt.sre.platform.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/check-dashboard-queries.sh against a real Prometheus loaded with the project's rules:
 * every dashboard query parses and evaluates (the e2e drill runs the same script against its stack,
 * with data), and a broken query makes the script fail.
 */
class DashboardQueriesTest {

  private static ManagedProcess prometheus;
  private static String url;

  @BeforeAll
  static void startPrometheus(@TempDir Path dir) throws IOException {
    Path binary =
        ExternalTool.require("apt-get install -y prometheus", "prometheus", "/usr/bin/prometheus");
    ExternalTool.require("apt-get install -y python3", "python3");
    int port = FreePort.pick();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config, "rule_files:\n  - " + RepoFiles.resolve("prometheus/rules") + "/*.yml\n");
    url = "http://127.0.0.1:" + port;
    prometheus =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port),
                dir.resolve("prometheus.log"))
            .awaitHttpOk(url + "/-/ready", Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyDashboardQueryIsAcceptedByPrometheus() throws Exception {
    Result result = run(RepoFiles.resolve("grafana/dashboards"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("0 failed");
  }

  @Test
  void aQueryPrometheusRejectsFailsTheCheckNamingDashboardAndPanel(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("broken.json"),
        """
        {"uid": "broken", "title": "Broken", "panels": [
          {"type": "row", "title": "r", "panels": [
            {"title": "Bad rate", "targets": [{"refId": "A", "expr": "rate(up[$__rate_interval]"}]}]}]}
        """);

    Result result = run(dir);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("broken.json / Bad rate / A");
  }

  @Test
  void anUnknownGrafanaVariableFailsTheCheck(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("variable.json"),
        """
        {"uid": "v", "title": "V", "panels": [
          {"title": "By pod", "targets": [{"refId": "A", "expr": "up{pod=~\\"$pod\\"}"}]}]}
        """);

    Result result = run(dir);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("unknown Grafana variable $pod");
  }

  record Result(int exitCode, String output) {}

  private static Result run(Path dashboards) throws Exception {
    Process process =
        new ProcessBuilder(
                RepoFiles.resolve("scripts/check-dashboard-queries.sh").toString(),
                url,
                dashboards.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
