package com.hrt.sre.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.drill.report.JsonReport;
import com.hrt.sre.drill.report.ReportCard;
import com.hrt.sre.drill.report.ScenarioReport;
import com.hrt.sre.drill.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

  @TempDir Path dir;

  @Test
  void writesMarkdownJsonAndTheSlackPayloadUnderTheRunsStartTimeAndNoTemporaryFiles()
      throws IOException {
    ReportCard card =
        new ReportCard(
            Instant.parse("2026-12-02T09:00:05Z"),
            "local",
            List.of(
                new ScenarioReport(
                    "batch",
                    "A failing run.",
                    Verdict.NOT_APPLICABLE,
                    List.of(),
                    List.of(),
                    null,
                    List.of(),
                    "runs in [cluster] only, not in local")));

    Path written = new ReportFiles(dir.resolve(".local/drills")).write(card);

    assertThat(written).isEqualTo(dir.resolve(".local/drills/20261202T090005Z"));
    try (Stream<Path> files = Files.list(written)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("report.md", "report.json", "slack.json");
    }
    assertThat(Files.readString(written.resolve("report.md"))).contains("## batch: not applicable");
    assertThat(new JsonReport().read(Files.readString(written.resolve("report.json"))))
        .isEqualTo(card);
    assertThat(Files.readString(written.resolve("slack.json")))
        .contains("\"channel\":\"#gameday\"");
  }
}
