package com.hrt.sre.drill.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real prometheus binary on a random 127.0.0.1 port (skips locally without it). */
class PrometheusClientTest {

  @TempDir static Path dir;

  private static ManagedProcess prometheus;
  private static PrometheusClient client;

  @BeforeAll
  static void startPrometheus() throws IOException {
    Path binary =
        ExternalTool.require("apt-get install prometheus", "prometheus", "/usr/bin/prometheus");
    Files.writeString(
        dir.resolve("rules.yml"),
        """
        groups:
          - name: drill-test
            rules:
              - {alert: FiresAtOnce, expr: vector(1)}
              - {alert: StaysPending, expr: vector(1), for: 1h}
        """);
    int port = FreePort.pick();
    // One target that answers (Prometheus itself) and one where nothing listens.
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: [rules.yml]
        scrape_configs:
          - {job_name: self, static_configs: [{targets: ["127.0.0.1:%d"]}]}
          - {job_name: gone, static_configs: [{targets: ["127.0.0.1:%d"]}]}
        """
            .formatted(port, FreePort.pick()));
    prometheus =
        ManagedProcess.start(
                List.of(
                    binary.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port),
                dir.resolve("prometheus.log"))
            .awaitHttpOk("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(30));
    client =
        new PrometheusClient(URI.create("http://127.0.0.1:" + port), HttpClient.newHttpClient());
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void readsFiringAndPendingAlertsWithWhenTheyBecameActive() {
    await("both alerts active")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.alerts().size() == 2);

    assertThat(client.alerts())
        .extracting(PrometheusClient.ActiveAlert::alertname, PrometheusClient.ActiveAlert::state)
        .containsExactlyInAnyOrder(
            tuple("FiresAtOnce", "firing"), tuple("StaysPending", "pending"));
    assertThat(client.alerts()).allSatisfy(a -> assertThat(a.activeAt()).isNotNull());
  }

  @Test
  void readsEachTargetsHealthAndTheLastScrapeError() {
    await("both targets scraped")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var targets = client.targets();
              return targets.size() == 2
                  && targets.stream().noneMatch(t -> t.health().equals("unknown"));
            });

    assertThat(client.targets())
        .extracting(PrometheusClient.Target::job, PrometheusClient.Target::up)
        .containsExactlyInAnyOrder(tuple("self", true), tuple("gone", false));
    assertThat(client.targets())
        .filteredOn(t -> t.job().equals("gone"))
        .singleElement()
        .satisfies(t -> assertThat(t.lastError()).contains("connection refused"));
  }

  @Test
  void anInstantQueryGivesItsFirstSampleAndAFalseConditionGivesNothing() {
    assertThat(client.query("vector(0.25)")).contains(0.25);
    assertThat(client.query("vector(1) < 0.10")).isEmpty();
    // A scenario's multi-line recoveredWhen is sent as written.
    assertThat(client.query("\n  vector(0.05)\n  < 0.10\n")).contains(0.05);
  }

  @Test
  void aBadQueryIsAnErrorCarryingPrometheusMessage() {
    assertThatThrownBy(() -> client.query("rate(x[5m]"))
        .isInstanceOf(ObserveException.class)
        .hasMessageContaining("Prometheus answered 400")
        .hasMessageContaining("parse error");
  }

  @Test
  void aQueryThatIsNotAnInstantVectorIsRefused() {
    assertThatThrownBy(() -> client.query("1"))
        .isInstanceOf(ObserveException.class)
        .hasMessageContaining("must return an instant vector");
  }
}
