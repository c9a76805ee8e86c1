package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.scheduling.support.CronExpression;

/**
 * Local mode runs batch-sync like the cluster's CronJob: on the schedule its manifest gives
 * (scripts/local-schedule.py, started by local-up through lib-local.sh), and local-down stops the
 * scheduler and a run in progress. The real java run against the real stack is the local drills'
 * (scripts/drill-local.sh: local-up's scheduled run, and the batch scenario).
 */
class LocalBatchSyncScheduleTest {

  private static final DateTimeFormatter SLOT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
  private Path localDir;

  @AfterEach
  void localDown() {
    if (localDir != null) {
      bash("scripts/local-down.sh");
    }
  }

  @Test
  void localModeUsesTheScheduleOfTheCronJobTheOverlayDeploys() {
    CronJob deployed =
        Manifests.of("dev").all(CronJob.class).stream()
            .filter(c -> c.getMetadata().getName().equals("batch-sync"))
            .findFirst()
            .orElseThrow();

    String local =
        bash(
            "source scripts/lib-local.sh && python3 scripts/local-schedule.py"
                + " --cronjob \"$BATCH_SYNC_CRONJOB\" --print-schedule");

    assertThat(local.strip()).isEqualTo(deployed.getSpec().getSchedule());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*/5 * * * *",
        "* * * * *",
        "7,37 */2 * * *",
        "0 9 * * mon-fri",
        "15 3 1 jan,jul *",
        "0 0 * * 0",
        "0 0 * * 7",
        "@hourly",
        "30 23 31 * *"
      })
  void theSlotsAreThoseOfTheCronSchedule(String schedule, @TempDir Path dir) throws IOException {
    Path manifest = dir.resolve("cronjob.yaml");
    Files.writeString(
        manifest,
        "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: batch/v1\nkind: CronJob\nspec:\n"
            + "  schedule: \""
            + schedule
            + "\"\n");
    ZonedDateTime after = ZonedDateTime.of(2026, 12, 30, 22, 58, 30, 0, ZoneOffset.UTC);

    List<String> slots =
        command(
                "python3",
                "scripts/local-schedule.py",
                "--cronjob",
                manifest.toString(),
                "--next",
                "4",
                "--after",
                SLOT.format(after))
            .lines()
            .toList();

    // Spring's parser as the reference (seconds field first; @hourly as its five fields).
    CronExpression reference =
        CronExpression.parse("0 " + (schedule.equals("@hourly") ? "0 * * * *" : schedule));
    List<String> expected = new ArrayList<>();
    ZonedDateTime slot = after;
    for (int i = 0; i < 4; i++) {
      slot = reference.next(slot);
      expected.add(SLOT.format(slot));
    }
    assertThat(slots).isEqualTo(expected);
  }

  @Test
  void localDownStopsTheSchedulerAndTheRunInProgress(@TempDir Path dir) {
    localDir = dir.resolve("local");
    Path runPid = dir.resolve("run.pid");
    // As start_batch_sync_schedule starts it, with a stand-in job that outlives the test.
    bash(
        "source scripts/lib-local.sh && start batch-sync-schedule python3 scripts/local-schedule.py"
            + " --cronjob \"$BATCH_SYNC_CRONJOB\" --run-now --run-log \"$LOCAL_DIR/logs/batch-sync.log\""
            + " -- bash -c 'echo $$ > "
            + runPid
            + "; exec sleep 600'");
    long scheduler = pidOf("batch-sync-schedule");
    long run =
        await("the run at start")
            .atMost(Duration.ofSeconds(20))
            .until(() -> readPid(runPid), Optional::isPresent)
            .orElseThrow();
    assertThat(ProcessHandle.of(run)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    String output = bash("scripts/local-down.sh");

    assertThat(output).contains("stopped batch-sync-schedule (pid " + scheduler + ")");
    assertThat(ProcessHandle.of(scheduler)).isEmpty();
    await("the run in progress stops with the scheduler")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ProcessHandle.of(run).isEmpty());
    assertThat(Files.exists(localDir.resolve("pids/batch-sync-schedule.pid"))).isFalse();
    assertThat(RepoFiles.resolve("scripts/local-up.sh"))
        .content()
        .containsPattern("(?m)^start_batch_sync_schedule$");
  }

  private long pidOf(String name) {
    try {
      return Long.parseLong(
          Files.readString(localDir.resolve("pids/" + name + ".pid")).strip().split(" ")[0]);
    } catch (IOException e) {
      throw new AssertionError(name + " has no pid file", e);
    }
  }

  private static Optional<Long> readPid(Path file) {
    try {
      String text = Files.readString(file).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private String bash(String code) {
    String script = code.endsWith(".sh") ? "bash " + code : code;
    List<String> command = new ArrayList<>(List.of("env"));
    if (localDir != null) {
      command.add("LOCAL_DIR=" + localDir);
    }
    command.addAll(List.of("bash", "-c", script));
    return command(command.toArray(String[]::new));
  }

  private static String command(String... command) {
    ExternalTool.require("apt-get install -y python3", "python3");
    return Commands.require(List.of(command), RepoFiles.root(), Duration.ofSeconds(60));
  }
}
