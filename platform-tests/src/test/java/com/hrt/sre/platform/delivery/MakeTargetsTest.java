package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What make runs for the cluster and Argo CD targets, read with the real `make -n`. */
class MakeTargetsTest {

  @Test
  void argoCdIsInstalledAndAppliedOnlyToTheDemoClustersContext() throws Exception {
    for (String target : List.of("argo-install", "argo-apply")) {
      List<String> kubectlLines =
          makeDryRun(target, "CLUSTER=other-demo")
              .lines()
              .flatMap(line -> List.of(line.split("\\|")).stream())
              .map(String::trim)
              .filter(part -> part.startsWith("kubectl"))
              .toList();

      assertThat(kubectlLines).as(target).isNotEmpty();
      assertThat(kubectlLines)
          .as("%s: every kubectl names the context", target)
          .allMatch(line -> line.startsWith("kubectl --context k3d-other-demo "));
    }
  }

  @Test
  void loadImagesLoadsThemWithBootstrapsOwnCode() throws IOException, InterruptedException {
    assertThat(makeDryRun("load-images")).contains("scripts/cluster-load-images.sh");
    String script = Files.readString(RepoFiles.resolve("scripts/cluster-load-images.sh"));
    assertThat(script)
        .contains("source \"$(dirname \"$0\")/cluster-lib.sh\"")
        .contains("load_images");
    assertThat(Files.readString(RepoFiles.resolve("scripts/bootstrap.sh")))
        .contains("$(load_images)");
    assertThat(Files.readString(RepoFiles.resolve("scripts/cluster-lib.sh")))
        .containsOnlyOnce("k3d image import --cluster")
        .containsOnlyOnce("jib:build \"${jib[@]}\"");
  }

  private static String makeDryRun(String... args) throws IOException, InterruptedException {
    ExternalTool.require("apt-get install -y make", "make");
    List<String> command = new java.util.ArrayList<>(List.of("make", "--no-print-directory", "-n"));
    command.addAll(List.of(args));
    Process make =
        new ProcessBuilder(command)
            .directory(RepoFiles.resolve(".").toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(make.getInputStream().readAllBytes());
    assertThat(make.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(make.exitValue()).as(output).isZero();
    return output;
  }
}
