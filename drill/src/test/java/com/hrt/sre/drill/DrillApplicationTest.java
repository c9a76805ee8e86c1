package com.hrt.sre.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DrillApplicationTest {

  @TempDir Path dir;

  private static int run(String... args) {
    return DrillApplication.run(args);
  }

  @Test
  void printsThePlanAndExitsZeroWithTheShippedFiles(CapturedOutput output) {
    int exit =
        run(
            "--drill.repository=" + RepoFiles.root(),
            "--drill.mode=local",
            "--drill.run.dry-run=true");

    assertThat(exit).isZero();
    assertThat(output.getOut())
        .contains("drill plan: mode=local scenarios=6")
        .contains("crashloop: not applicable in local mode");
  }

  @Test
  void exitsTwoNamingTheFileAndFieldOfABadScenario(CapturedOutput output) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "description: x\nmodes: [moon]\n");

    int exit = run("--drill.repository=" + RepoFiles.root(), "--drill.drills=" + dir);

    assertThat(exit).isEqualTo(2);
    assertThat(output.getOut())
        .contains(
            "event=drill_refused exit=2 reason=\""
                + bad
                + ": modes: 'moon' is not a mode; use local or cluster\"");
  }

  @Test
  void exitsTwoOnAModeThatIsNeitherLocalNorCluster(CapturedOutput output) {
    int exit = run("--drill.repository=" + RepoFiles.root(), "--drill.mode=moon");

    assertThat(exit).isEqualTo(2);
    assertThat(output).contains("drill.mode").contains("must match \"local|cluster\"");
  }
}
