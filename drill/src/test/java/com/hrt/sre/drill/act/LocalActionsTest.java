package com.hrt.sre.drill.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hrt.sre.drill.RepoFiles;
import com.hrt.sre.drill.scenario.Step;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode's process steps on real processes started the way local-up starts them (lib-local.sh's
 * {@code start}: pid file with start time, log): the real prometheus-pushgateway on a random port,
 * and the real batch-sync jar run through the real scripts/local-schedule.py's command line.
 */
class LocalActionsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path localDir;
  private final Path repo = RepoFiles.root();
  private final List<String> started = new ArrayList<>();
  private int pushgatewayPort;
  private HttpServer portal;
  private LocalActions actions;

  @BeforeEach
  void setUp() throws IOException {
    ExternalTool.require("apt-get install prometheus-pushgateway", "prometheus-pushgateway");
    pushgatewayPort = FreePort.pick();
    libLocal(
        "start pushgateway prometheus-pushgateway --web.listen-address=127.0.0.1:"
            + pushgatewayPort
            + " --persistence.file=\"$LOCAL_DIR/pushgateway.data\"");
    started.add("pushgateway");
    awaitReady(pushgatewayPort);
    actions =
        new LocalActions(
            repo,
            Map.of("LOCAL_DIR", localDir.toString(), "LOCAL_READY_PORT", "" + pushgatewayPort),
            new PortalAdmin(URI.create("http://127.0.0.1:1"), "unused", HTTP),
            HTTP,
            Clock.systemUTC(),
            // One batch-sync JVM takes 2-3 s on an idle laptop, over 20 s on a loaded CI machine.
            Duration.ofSeconds(180));
  }

  @AfterEach
  void tearDown() {
    started.forEach(name -> libLocal("stop_service " + name + " >/dev/null"));
    if (portal != null) {
      portal.stop(0);
    }
  }

  @Test
  void stoppingAndStartingAProcessRestartsExactlyWhatLocalUpStarted() throws Exception {
    String before = Files.readString(localDir.resolve("pids/pushgateway.pid"));

    actions.execute(new Step.StopProcess("pushgateway"));
    assertThat(statusOf(pushgatewayPort)).isEqualTo(-1);
    assertThat(localDir.resolve("pids/pushgateway.pid")).doesNotExist();

    actions.execute(new Step.StartProcess("pushgateway"));
    assertThat(statusOf(pushgatewayPort)).as("ready when start returns").isEqualTo(200);
    assertThat(Files.readString(localDir.resolve("pids/pushgateway.pid"))).isNotEqualTo(before);
    String cmdline =
        Files.readString(
            Path.of(
                "/proc/"
                    + Files.readString(localDir.resolve("pids/pushgateway.pid")).split(" ")[0]
                    + "/cmdline"));
    assertThat(cmdline).contains("--persistence.file=" + localDir + "/pushgateway.data");
  }

  @Test
  void aProcessTheDrillMayNotTouchOrThatIsNotRunningIsRefused() {
    assertThatThrownBy(() -> actions.execute(new Step.StopProcess("prometheus")))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("'prometheus' is not a process the drill may stop or start");
    assertThatThrownBy(() -> actions.execute(new Step.StartProcess("portal")))
        .hasMessageContaining("portal was not stopped by");
    assertThatThrownBy(() -> actions.execute(new Step.StopProcess("load-generator")))
        .hasMessageContaining("load-generator is not running");
  }

  @Test
  void aBatchRunPushesItsOutcomeAndHoldsTheSchedulerUntilARunSucceeds() throws Exception {
    Path jar = repo.resolve("batch-sync/target/batch-sync-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: build with ./mvnw -pl drill -am verify");
    }
    startPortal(300);
    Path manifest = localDir.resolve("cronjob.yaml");
    // A schedule that never comes during the test: only the drill's runs push.
    Files.writeString(manifest, "kind: CronJob\nspec:\n  schedule: \"0 0 1 1 *\"\n");
    libLocal(
        "start batch-sync-schedule python3 "
            + repo.resolve("scripts/local-schedule.py")
            + " --cronjob "
            + manifest
            + " --run-log \"$LOCAL_DIR/logs/batch-sync.log\" -- env PORTAL_URL=http://127.0.0.1:"
            + portal.getAddress().getPort()
            + " PUSHGATEWAY_URL=http://127.0.0.1:"
            + pushgatewayPort
            + " java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "
            + jar);
    started.add("batch-sync-schedule");
    // Ready once it logs its start (python3 may be a wrapper that execs it a moment later).
    awaitLog(localDir.resolve("logs/batch-sync-schedule.log"), "event=started");

    actions.execute(new Step.RunBatch(Map.of("BATCH_FAILURE_RATE", "1.0")));

    assertThat(pushed("batch_sync_last_run_success")).isEqualTo("0");
    assertThat(schedulerState()).as("held (stopped) after the failed run").isEqualTo("T");

    actions.execute(new Step.RunBatch(Map.of("BATCH_FAILURE_RATE", "0.0")));

    assertThat(pushed("batch_sync_last_run_success")).isEqualTo("1");
    assertThat(schedulerState()).as("released after a good run").isNotEqualTo("T");
  }

  @Test
  void aBatchRunWithoutTheSchedulerSaysToStartTheStack() {
    assertThatThrownBy(() -> actions.execute(new Step.RunBatch(Map.of())))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("batch-sync's scheduler is not running")
        .hasMessageContaining("make local-up");
  }

  @Test
  void clusterStepsAreRefused() {
    assertThatThrownBy(() -> actions.execute(new Step.AwaitAutoHealer()))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("a cluster-mode step");
    assertThat(actions.autoHealerActions(java.time.Instant.EPOCH)).isEmpty();
  }

  private void libLocal(String commands) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "set -euo pipefail; source \"$0\"; " + commands,
                  repo.resolve("scripts/lib-local.sh").toString())
              .redirectErrorStream(true)
              .redirectOutput(localDir.resolve("lib-local.out").toFile());
      builder.environment().put("LOCAL_DIR", localDir.toString());
      Process process = builder.start();
      if (!process.waitFor(40, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(
            "lib-local.sh: "
                + commands
                + ": "
                + Files.readString(localDir.resolve("lib-local.out")));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The portal's records API: {@code total} records, any page size. */
  private void startPortal(long total) throws IOException {
    portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portal.createContext(
        "/api/records",
        exchange -> {
          Map<String, String> query =
              java.util.Arrays.stream(exchange.getRequestURI().getQuery().split("&"))
                  .map(p -> p.split("=", 2))
                  .collect(Collectors.toMap(p -> p[0], p -> p[1]));
          int page = Integer.parseInt(query.get("page"));
          int size = Integer.parseInt(query.get("size"));
          long first = (long) page * size + 1;
          String items =
              LongStream.rangeClosed(first, Math.min(total, first + size - 1))
                  .mapToObj(id -> "{\"id\":" + id + ",\"name\":\"record-" + id + "\"}")
                  .collect(Collectors.joining(","));
          byte[] body =
              ("{\"items\":[%s],\"page\":%d,\"size\":%d,\"total\":%d}"
                      .formatted(items, page, size, total))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    portal.start();
  }

  private String pushed(String metric) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pushgatewayPort + "/api/v1/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    var group = Kubectl.mapper().readTree(body).path("data").get(0);
    return group.path(metric).path("metrics").get(0).path("value").asString();
  }

  private String schedulerState() throws IOException {
    String pid = Files.readString(localDir.resolve("pids/batch-sync-schedule.pid")).split(" ")[0];
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
  }

  private static void awaitLog(Path log, String text) {
    await(log + " to say " + text, () -> Files.exists(log) && read(log).contains(text));
  }

  private static void awaitReady(int port) {
    await("pushgateway on " + port + " ready", () -> statusOf(port) == 200);
  }

  private static void await(String what, java.util.function.BooleanSupplier done) {
    Awaitility.await(what).atMost(Duration.ofSeconds(20)).until(done::getAsBoolean);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static int statusOf(int port) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
