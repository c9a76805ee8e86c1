package com.hrt.sre.autohealer;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static com.hrt.sre.autohealer.ClusterFixture.crashLooping;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.workload.WorkloadApi;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole job as the CronJob runs it — Spring context, settings from the environment variable
 * names, one run, exit code — against the mock API server.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(OutputCaptureExtension.class)
class AutoHealerApplicationTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void crashLoopingPortal() {
    ClusterFixture cluster = new ClusterFixture(client);
    cluster.pod(
        "portal", "portal-7d9f8c6b5-a1", cluster.deployment("portal", "portal"), crashLooping(6));
  }

  @Test
  void healsAndExitsZeroWithAReadableSummary(CapturedOutput output) {
    int exit = AutoHealerApplication.run(new String[0], mockCluster());

    assertThat(exit).isZero();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("portal")
                .withName("portal")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
    assertThat(output.getOut())
        .contains("auto-healer run: scanned 1 pods in portal, 1 unhealthy")
        .contains("restarted          portal/deployment/portal: rollout restart")
        .contains("result: restarted=1")
        .contains("event=metrics_not_pushed");
  }

  @Test
  void environmentVariableNamesConfigureTheRun(CapturedOutput output) {
    int exit =
        AutoHealerApplication.run(
            new String[] {"--DRY_RUN=true", "--RESTART_THRESHOLD=7", "--WATCH_NAMESPACES=portal"},
            mockCluster());

    assertThat(exit).isZero();
    assertThat(output.getOut()).contains("restartThreshold=7").contains("dryRun=true");
    assertThat(output.getOut()).contains("0 unhealthy");
  }

  @Test
  void aFailedHealExitsNonZero() {
    server
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/portal/deployments/portal")
        .andReturn(500, new StatusBuilder().withCode(500).withMessage("boom").build())
        .always();

    int exit =
        AutoHealerApplication.run(new String[] {"--autohealer.api.retries=1"}, mockCluster());

    assertThat(exit).isEqualTo(1);
  }

  @Test
  void aFailedOwnerLookupExitsNonZeroWithAnErrorLine(CapturedOutput output) {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/portal/replicasets/portal-7d9f8c6b5")
        .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build())
        .always();

    int exit = AutoHealerApplication.run(new String[0], mockCluster());

    assertThat(exit).isEqualTo(1);
    assertThat(output.getOut())
        .containsPattern(
            "ERROR .*event=owner_lookup_failed namespace=portal pod=portal-7d9f8c6b5-a1 .*HTTP 403")
        .contains("lookup_failed")
        .contains("exit 1");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RESTART_THRESHOLD|0|autohealer.restartThreshold=0: must be greater than or equal to 1",
        "RESTART_THRESHOLD|three|autohealer.restart-threshold",
        "RESTART_WINDOW|-5m|RESTART_WINDOW must be a positive duration",
        "COOLDOWN|soon|cooldown",
        "MAX_HEALS_PER_HOUR|0|maxHealsPerHour",
        "MAX_HEALS_PER_RUN|0|maxHealsPerRun",
        "WATCH_NAMESPACES|Portal_NS|WATCH_NAMESPACES must be '*' or a comma-separated list",
        "WATCH_NAMESPACES|kube-system|must not name kube-system",
        "LABEL_SELECTOR|app in (a,b|not a Kubernetes label selector",
        "PUSHGATEWAY_URL|ftp://gateway:9091|PUSHGATEWAY_URL must be http(s)://host[:port]",
        "DRY_RUN|maybe|autohealer.dry-run"
      })
  void badConfigurationExitsTwoAndSaysWhatIsWrong(
      String variable, String value, String message, CapturedOutput output) {
    int exit =
        AutoHealerApplication.run(new String[] {"--" + variable + "=" + value}, mockCluster());

    assertThat(exit).isEqualTo(AutoHealerApplication.BAD_CONFIGURATION);
    assertThat(output.getAll()).contains(message).contains("event=bad_configuration");
  }

  private ApplicationContextInitializer<ConfigurableApplicationContext> mockCluster() {
    return context -> {
      context
          .getBeanFactory()
          .registerSingleton(
              "kubernetesClient", TestSettings.healerClient(client, TestSettings.settings()));
      context.getBeanFactory().registerSingleton("clock", Clock.fixed(NOW, ZoneOffset.UTC));
    };
  }
}
