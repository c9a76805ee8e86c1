package com.hrt.sre.gitops.sync;

import static com.hrt.sre.gitops.sync.TestRepository.configMap;
import static com.hrt.sre.gitops.sync.TestRepository.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * {@code --once}: no web server, no polling, one sync at start, and the exit code says how it went.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"gitops.once=true", "spring.main.web-application-type=none"})
class OnceModeTest {

  private static ServerSideApplyMockServer server;

  @TestBean KubernetesClient kubernetesClient;

  @Autowired ApplicationContext context;

  static KubernetesClient kubernetesClient() {
    return server.client();
  }

  @DynamicPropertySource
  static void watchedRepository(DynamicPropertyRegistry registry) throws IOException {
    server = new ServerSideApplyMockServer();
    Path kubectl = ExternalTool.require("kubectl with kustomize (TOOLCHAIN.md)", "kubectl");
    Path dir = Files.createTempDirectory("gitops-once-repo");
    TestRepository.create(dir)
        .write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "once"))
        .commit("first");
    registry.add("gitops.repository", dir::toString);
    registry.add("gitops.path", () -> TestRepository.OVERLAY);
    registry.add(
        "gitops.work-dir", () -> dir.resolveSibling(dir.getFileName() + "-work").toString());
    registry.add("gitops.kubectl", kubectl::toString);
  }

  @AfterAll
  static void stopCluster() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void oneSyncRunsAtStartAndTheExitCodeIsZero() {
    assertThat(
            server.client().configMaps().inNamespace("portal").withName("settings").get().getData())
        .containsEntry("setting", "once");
    assertThat(context.getBeanNamesForType(PollingScheduler.class)).isEmpty();
    // What SpringApplication.exit(context) returns in main(): the runner is the exit code
    // generator.
    assertThat(context.getBean(OnceRunner.class).getExitCode()).isZero();
  }
}
