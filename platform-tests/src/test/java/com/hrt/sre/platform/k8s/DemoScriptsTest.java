package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make break / make reset against the REAL portal admin API, with the cluster faked: a `kubectl` on
 * PATH that lists two portal pods, returns the admin token Secret and "port-forwards" each pod to a
 * portal process running on this machine; a `k3d` that says the cluster exists. What is under test
 * is the scripts' own logic: per-pod calls, the token from the Secret, the scenario bodies, the
 * reset, and failing when a pod refuses.
 */
class DemoScriptsTest {

  private static final String TOKEN = "demo-scripts-test-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ManagedProcess portal;
  private static int portalPort;

  @BeforeAll
  static void startThePortal(@TempDir Path dir) {
    ExternalTool.require("apt-get install -y curl", "curl");
    Path jar = RepoFiles.resolve("portal/target/portal-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar)) {
      String message = "portal jar not built (./mvnw -pl portal -am package): " + jar;
      if (ExternalTool.isCi()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    portalPort = FreePort.pick();
    portal =
        ManagedProcess.start(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-jar",
                    jar.toString(),
                    "--server.address=127.0.0.1",
                    "--server.port=" + portalPort,
                    "--portal.chaos.admin-token=" + TOKEN),
                dir.resolve("portal.log"))
            .awaitHttpOk("http://127.0.0.1:" + portalPort + "/health", Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopThePortal() {
    if (portal != null) {
      portal.close();
    }
  }

  @Test
  void breakErrorsSetsTheFailureRateOnEveryPodThenResetClearsIt(@TempDir Path bin)
      throws Exception {
    fakeCluster(bin, TOKEN);

    Commands.Result broken = script(bin, "break.sh", "errors");

    assertThat(broken.exitCode()).as(broken.output()).isZero();
    assertThat(broken.output()).contains("portal-a:").contains("portal-b:");
    assertThat(chaos()).contains("\"failureRate\":0.5");

    Commands.Result reset = script(bin, "cluster-reset.sh");

    assertThat(reset.exitCode()).as(reset.output()).isZero();
    assertThat(chaos()).contains("\"failureRate\":0.0").contains("\"crashAfterSeconds\":0");
  }

  @Test
  void breakAllAddsTheCrashLoopToTheFailures(@TempDir Path bin) throws Exception {
    fakeCluster(bin, TOKEN);

    Commands.Result broken = script(bin, "break.sh", "all");

    assertThat(broken.exitCode()).as(broken.output()).isZero();
    assertThat(chaos()).contains("\"failureRate\":0.5").contains("\"crashAfterSeconds\":20");
    assertThat(script(bin, "cluster-reset.sh").exitCode()).isZero();
  }

  @Test
  void aPodThatRefusesTheTokenFailsTheBreakLoudly(@TempDir Path bin) throws Exception {
    fakeCluster(bin, "not-the-token");

    Commands.Result broken = script(bin, "break.sh", "latency");

    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.output()).contains("not every pod took the change");
    assertThat(chaos()).contains("\"latencyMs\":0");
  }

  @Test
  void anUnknownScenarioIsRefusedBeforeAnythingChanges(@TempDir Path bin) throws Exception {
    fakeCluster(bin, TOKEN);

    Commands.Result broken = script(bin, "break.sh", "meteor");

    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.output()).contains("unknown SCENARIO 'meteor'");
  }

  @Test
  void healRunsAJobFromTheCronJobAndPrintsItsSummary(@TempDir Path bin) throws Exception {
    fakeHealer(bin, "1/", "event=run_finished restarted=1 workload=portal/portal");

    Commands.Result healed = script(bin, "heal.sh");

    assertThat(healed.exitCode()).as(healed.output()).isZero();
    assertThat(healed.output())
        .contains("event=run_finished restarted=1 workload=portal/portal")
        .contains("auto-healer run succeeded");
    assertThat(Files.readString(bin.resolve("calls.log")))
        .containsPattern(
            "-n hrt-sre create job auto-healer-manual-\\d+ --from=cronjob/auto-healer");
  }

  @Test
  void aFailedHealerJobFailsMakeHeal(@TempDir Path bin) throws Exception {
    fakeHealer(bin, "/1", "event=run_failed reason=forbidden");

    Commands.Result healed = script(bin, "heal.sh");

    assertThat(healed.exitCode()).isNotZero();
    assertThat(healed.output()).contains("event=run_failed").contains("auto-healer run failed");
  }

  /** Fake kubectl for heal.sh: records calls; the Job ends as {@code status} (succeeded/failed). */
  private static void fakeHealer(Path bin, String status, String log) throws IOException {
    write(
        bin.resolve("kubectl"),
        """
        #!/usr/bin/env bash
        args="${*#--context k3d-fake }"
        echo "$args" >>"$(dirname "$0")/calls.log"
        case "$args" in
          *"create job"*) echo "job.batch/x created" ;;
          *"get job"*) printf '%%s' '%s' ;;
          *"logs job/"*) echo '%s' ;;
          *) echo "fake kubectl: unexpected: $*" >&2; exit 1 ;;
        esac
        """
            .formatted(status, log));
    write(bin.resolve("k3d"), "#!/usr/bin/env bash\nexit 0\n");
  }

  private static Commands.Result script(Path bin, String name, String... args) {
    List<String> command =
        new java.util.ArrayList<>(List.of(RepoFiles.resolve("scripts/" + name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("CLUSTER", "fake");
    env.put("FAKE_PORTAL_PORT", Integer.toString(portalPort));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Commands.Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Fake kubectl and k3d: two pods, the Secret, port-forwards to the local portal. */
  private static void fakeCluster(Path bin, String secretToken) throws IOException {
    String encoded = Base64.getEncoder().encodeToString(secretToken.getBytes());
    write(
        bin.resolve("kubectl"),
        """
        #!/usr/bin/env bash
        case "$*" in
          *"get secret portal-admin"*) printf '%%s' '%s' ;;
          *"get pods"*) printf 'portal-a portal-b' ;;
          *port-forward*)
            echo "Forwarding from 127.0.0.1:${FAKE_PORTAL_PORT} -> 8080"
            exec sleep 60 ;;
          *) echo "fake kubectl: unexpected: $*" >&2; exit 1 ;;
        esac
        """
            .formatted(encoded));
    write(bin.resolve("k3d"), "#!/usr/bin/env bash\nexit 0\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String chaos() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portalPort + "/admin/chaos"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body().replace(" ", "");
  }
}
