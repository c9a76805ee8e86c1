package com.hrt.sre.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitopsWatcherApplicationTest {

  @Test
  void onceRunsWithoutAWebServerAndDryRunBecomesAProperty() {
    assertThat(
            GitopsWatcherApplication.toSpringArguments(
                "--once", "--dry-run", "--gitops.branch=dev"))
        .containsExactly(
            "--gitops.once=true",
            "--spring.main.web-application-type=none",
            "--gitops.dry-run=true",
            "--gitops.branch=dev");
  }
}
