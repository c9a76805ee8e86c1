package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make test` runs the local drill (scripts/drill-local.sh). Where the machine cannot run a local
 * stack (a monitoring binary missing, a port held, e.g. by the k3d demo's port-forward) it skips
 * with the reason, like a test whose tool is missing; with CI=true the same is a failure. Both
 * cases stop before local-up: nothing is started.
 */
class LocalDrillPreflightTest {

  @Test
  void aMissingBinarySkipsTheDrillWithTheReasonLocally(@TempDir Path dir) {
    Commands.Result result = drill(dir, false, "PROMETHEUS_BIN=/nonexistent/prometheus");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("drill-local: SKIPPED: not found on PATH: /nonexistent/prometheus")
        .contains("apt-get install prometheus prometheus-alertmanager prometheus-pushgateway")
        .doesNotContain("== drill-local: local-up");
  }

  @Test
  void aMissingBinaryFailsTheDrillInCi(@TempDir Path dir) {
    Commands.Result result = drill(dir, true, "PROMETHEUS_BIN=/nonexistent/prometheus");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .contains("DRILL FAILED: CI=true and not found on PATH: /nonexistent/prometheus")
        .doesNotContain("== drill-local: local-up");
  }

  @Test
  void aTakenPortSkipsTheDrillWithThePortAndItsPartLocally(@TempDir Path dir) throws IOException {
    // The Pushgateway's port: held here, or already by someone else; taken either way.
    try (ServerSocket holder = holdIfFree(9091)) {
      Commands.Result result = drill(dir, false);

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output())
          .contains("drill-local: SKIPPED: ")
          .contains("port(s) in use on 127.0.0.1: ")
          .contains("9091 (pushgateway)")
          .doesNotContain("== drill-local: local-up");
    }
  }

  @Test
  void aTakenPortFailsTheDrillInCi(@TempDir Path dir) throws IOException {
    try (ServerSocket holder = holdIfFree(9091)) {
      Commands.Result result = drill(dir, true);

      assertThat(result.exitCode()).as(result.output()).isNotZero();
      assertThat(result.output())
          .contains("DRILL FAILED: CI=true and ")
          .contains("9091 (pushgateway)");
    }
  }

  private static ServerSocket holdIfFree(int port) throws IOException {
    try {
      return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
    } catch (BindException alreadyTaken) {
      return null; // try-with-resources accepts null
    }
  }

  /** The drill in a throw-away LOCAL_DIR, with CI set or unset as asked. */
  private static Commands.Result drill(Path dir, boolean ci, String... env) {
    List<String> command = new ArrayList<>(List.of("env", "-u", "CI"));
    if (ci) {
      command.add("CI=true");
    }
    command.add("LOCAL_DIR=" + dir);
    command.addAll(List.of(env));
    command.addAll(List.of("bash", "scripts/drill-local.sh"));
    return Commands.run(command, RepoFiles.root(), Duration.ofSeconds(60));
  }
}
