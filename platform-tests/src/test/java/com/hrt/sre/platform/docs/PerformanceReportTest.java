package com.hrt.sre.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/performance.md's "What the numbers decided" is written by bench/decisions.py from the
 * figures measured in the same report (make bench runs it), never typed in: the committed section
 * is exactly what the generator makes of the committed figures, and every decision names the script
 * that measured its figures.
 */
class PerformanceReportTest {

  private static final Path REPORT = RepoFiles.resolve("docs/performance.md");

  @Test
  void theDecisionsAreWhatTheGeneratorMakesOfTheMeasuredFigures() throws Exception {
    Path python = ExternalTool.require("sudo apt-get install python3", "python3");
    Path copy = Files.createTempFile("performance", ".md");
    Files.copy(REPORT, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Process process =
        new ProcessBuilder(
                python.toString(),
                RepoFiles.resolve("bench/decisions.py").toString(),
                copy.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(decisions(Files.readString(copy)))
        .as("the section bench/decisions.py writes from the report's own figures")
        .isEqualTo(decisions(Files.readString(REPORT)));
  }

  @Test
  void everyDecisionNamesTheScriptThatMeasuredIt() throws IOException {
    String section = decisions(Files.readString(REPORT));
    String[] bullets = section.split("\n- ");

    assertThat(bullets.length).as("decisions in:\n%s", section).isGreaterThan(1);
    for (int i = 1; i < bullets.length; i++) {
      Matcher script = Pattern.compile("`(bench/[a-z-]+\\.sh)`").matcher(bullets[i]);
      assertThat(script.find()).as("a script named in: %s", bullets[i]).isTrue();
      do {
        assertThat(RepoFiles.resolve(script.group(1))).isRegularFile();
      } while (script.find());
    }
  }

  private static String decisions(String report) {
    int start = report.indexOf("## What the numbers decided");
    assertThat(start).as("the report has the section").isNotNegative();
    int end = report.indexOf("\n## ", start + 5);
    return report.substring(start, end < 0 ? report.length() : end);
  }
}
