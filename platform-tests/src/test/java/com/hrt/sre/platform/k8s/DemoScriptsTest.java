package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.platform.kubeapi.Fixtures;
import com.hrt.sre.platform.kubeapi.KubeApiDouble;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import com.hrt.sre.testsupport.ManagedProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make break / make reset / make heal with the REAL kubectl against {@link KubeApiDouble} and the
 * REAL portal admin API: the double holds two Running portal pods, the admin token Secret and the
 * auto-healer CronJob as the dev overlay renders it; a port-forward to either pod reaches a portal
 * process on this machine. What is under test is the scripts' own logic and every kubectl command
 * line they build: per-pod calls, the token from the Secret, the scenario bodies, the reset,
 * failing when a pod refuses, the manual healer Job and its summary.
 */
class DemoScriptsTest {

  private static final String TOKEN = "demo-scripts-test-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ManagedProcess portal;
  private static int portalPort;

  @TempDir Path dir;
  private KubeApiDouble api;

  @BeforeAll
  static void startThePortal(@TempDir Path dir) {
    ExternalTool.require("apt-get install -y curl", "curl");
    ExternalTool.require("kubectl, see TOOLCHAIN.md", "kubectl");
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

  @BeforeEach
  void cluster() {
    api = new KubeApiDouble();
    Fixtures.namespaces(api, "portal", "hrt-sre");
  }

  @AfterEach
  void stopTheCluster() {
    api.close();
  }

  @Test
  void breakErrorsSetsTheFailureRateOnEveryPodThenResetClearsIt() throws Exception {
    twoPortalPodsAndTheSecret(TOKEN);

    Commands.Result broken = ClusterScript.run(api, dir, Map.of(), "break.sh", "errors");

    assertThat(broken.exitCode()).as(broken.output()).isZero();
    assertThat(broken.output()).contains("portal-a:").contains("portal-b:");
    assertThat(chaos()).contains("\"failureRate\":0.5");
    assertThat(api.requests())
        .anyMatch(r -> r.startsWith("POST /api/v1/namespaces/portal/pods/portal-a/portforward"))
        .anyMatch(r -> r.startsWith("POST /api/v1/namespaces/portal/pods/portal-b/portforward"));

    Commands.Result reset = ClusterScript.run(api, dir, Map.of(), "cluster-reset.sh");

    assertThat(reset.exitCode()).as(reset.output()).isZero();
    assertThat(chaos()).contains("\"failureRate\":0.0").contains("\"crashAfterSeconds\":0");
  }

  @Test
  void breakAllAddsTheCrashLoopToTheFailures() throws Exception {
    twoPortalPodsAndTheSecret(TOKEN);

    Commands.Result broken = ClusterScript.run(api, dir, Map.of(), "break.sh", "all");

    assertThat(broken.exitCode()).as(broken.output()).isZero();
    assertThat(chaos()).contains("\"failureRate\":0.5").contains("\"crashAfterSeconds\":20");
    assertThat(ClusterScript.run(api, dir, Map.of(), "cluster-reset.sh").exitCode()).isZero();
  }

  @Test
  void aPodThatRefusesTheTokenFailsTheBreakLoudly() throws Exception {
    twoPortalPodsAndTheSecret("not-the-token");

    Commands.Result broken = ClusterScript.run(api, dir, Map.of(), "break.sh", "latency");

    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.output()).contains("not every pod took the change");
    assertThat(chaos()).contains("\"latencyMs\":0");
  }

  @Test
  void withoutTheSecretBreakSaysToBootstrapAndChangesNothing() throws Exception {
    Fixtures.runningPod(api, "portal", "portal-a", "portal", 8080);

    Commands.Result broken = ClusterScript.run(api, dir, Map.of(), "break.sh", "errors");

    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.output()).contains("no portal admin token (secret portal/portal-admin)");
    assertThat(api.requests()).noneMatch(r -> r.contains("/portforward"));
  }

  @Test
  void anUnknownScenarioIsRefusedBeforeAnythingChanges() {
    twoPortalPodsAndTheSecret(TOKEN);

    Commands.Result broken = ClusterScript.run(api, dir, Map.of(), "break.sh", "meteor");

    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.output()).contains("unknown SCENARIO 'meteor'");
    assertThat(api.requests()).noneMatch(r -> r.contains("/portforward"));
  }

  @Test
  void healRunsAJobFromTheCronJobAndPrintsItsSummary() {
    theHealerCronJob(true, "event=run_finished restarted=1 workload=portal/portal");

    Commands.Result healed = ClusterScript.run(api, dir, Map.of(), "heal.sh");

    assertThat(healed.exitCode()).as(healed.output()).isZero();
    assertThat(healed.output())
        .contains("event=run_finished restarted=1 workload=portal/portal")
        .contains("auto-healer run succeeded");
    assertThat(api.requests())
        .anyMatch(r -> r.startsWith("GET /apis/batch/v1/namespaces/hrt-sre/cronjobs/auto-healer"))
        .anyMatch(r -> r.startsWith("POST /apis/batch/v1/namespaces/hrt-sre/jobs"));
  }

  @Test
  void aFailedHealerJobFailsMakeHeal() {
    theHealerCronJob(false, "event=run_failed reason=forbidden");

    Commands.Result healed = ClusterScript.run(api, dir, Map.of(), "heal.sh");

    assertThat(healed.exitCode()).isNotZero();
    assertThat(healed.output()).contains("event=run_failed").contains("auto-healer run failed");
  }

  /** Two Running portal pods, both forwarded to the local portal, and the admin token Secret. */
  private void twoPortalPodsAndTheSecret(String secretToken) {
    for (String pod : List.of("portal-a", "portal-b")) {
      Fixtures.runningPod(api, "portal", pod, "portal", 8080);
      api.forwardPod("portal", pod, 8080, portalPort);
    }
    api.put(
        """
        {"apiVersion":"v1","kind":"Secret","type":"Opaque",
         "metadata":{"name":"portal-admin","namespace":"portal"},"data":{"token":"%s"}}
        """
            .formatted(Base64.getEncoder().encodeToString(secretToken.getBytes())));
  }

  /**
   * The auto-healer CronJob exactly as the dev overlay renders it; a Job created from it "runs" as
   * the Job controller would run it: one pod with the Job's selector labels, its log, and the Job's
   * status (succeeded or failed).
   */
  @SuppressWarnings("unchecked")
  private void theHealerCronJob(boolean succeeds, String log) {
    Map<String, Object> cronJob =
        Manifests.of("dev").raw.stream()
            .filter(o -> "CronJob".equals(o.get("kind")))
            .filter(
                o -> "auto-healer".equals(((Map<String, Object>) o.get("metadata")).get("name")))
            .findFirst()
            .orElseThrow();
    api.put(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(cronJob));
    api.onCreate(
        "Job",
        job -> {
          Map<String, Object> metadata = (Map<String, Object>) job.get("metadata");
          String name = (String) metadata.get("name");
          String uid = (String) metadata.get("uid");
          Map<String, Object> spec = (Map<String, Object>) job.get("spec");
          spec.put(
              "selector", Map.of("matchLabels", Map.of("batch.kubernetes.io/controller-uid", uid)));
          job.put("status", Map.of(succeeds ? "succeeded" : "failed", 1));
          api.put(
              """
              {"apiVersion":"v1","kind":"Pod",
               "metadata":{"name":"%s-x7k2p","namespace":"hrt-sre",
                 "labels":{"batch.kubernetes.io/controller-uid":"%s","job-name":"%s"}},
               "spec":{"restartPolicy":"Never","containers":[{"name":"auto-healer","image":"x"}]},
               "status":{"phase":"%s"}}
              """
                  .formatted(name, uid, name, succeeds ? "Succeeded" : "Failed"));
          api.podLog("hrt-sre", name + "-x7k2p", log + "\n");
        });
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
