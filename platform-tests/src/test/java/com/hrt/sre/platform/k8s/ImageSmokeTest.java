package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds every service image with Jib (offline base image from scripts/make-base-image.sh), and
 * runs each under the constraints its manifest in the dev overlay gives it: read-only root, only
 * its emptyDir mounts writable, its user, no capabilities, no privilege escalation, its memory and
 * CPU limits, its environment. Web services must answer /health; jobs must run to exit 0 against
 * stub backends. Needs a running Docker engine: skipped without one locally, failing in CI.
 */
class ImageSmokeTest {

  private static final String TAG = "smoke";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<String> STARTED = new CopyOnWriteArrayList<>();
  private static String docker;
  private static Map<String, Path> tars;

  @BeforeAll
  static void buildAndLoadEveryImage() {
    docker =
        ExternalTool.require(
                "apt-get install -y docker.io, then start dockerd (TOOLCHAIN.md)", "docker")
            .toString();
    requireRunningEngine();
    Path base = ServiceImages.offlineBase();
    tars = ServiceImages.buildTars(TAG, "tar://" + base);
    for (Path tar : tars.values()) {
      Commands.require(
          List.of(docker, "load", "-i", tar.toString()), Path.of("."), Duration.ofMinutes(1));
    }
  }

  @AfterAll
  static void removeContainers() {
    for (String id : STARTED) {
      Commands.run(List.of(docker, "rm", "-f", id), Path.of("."), Duration.ofSeconds(30));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"portal", "load-generator", "mock-slack", "batch-sync", "auto-healer"})
  void imageRunsAsTheNumericUserTheManifestRequires(String module) {
    PodSecurityContext pod = workload(module).template().getSpec().getSecurityContext();

    String user = docker("image", "inspect", "-f", "{{.Config.User}}", image(module)).strip();

    assertThat(user).isEqualTo(pod.getRunAsUser() + ":" + pod.getRunAsGroup());
  }

  /**
   * The entrypoint reads the AOT cache layer, and the JVM can use it under the manifest's own
   * JAVA_TOOL_OPTIONS: -XX:AOTMode=on makes a missing cache, or one trained on another JDK or class
   * path, fail the start instead of being skipped with a warning.
   */
  @ParameterizedTest
  @ValueSource(strings = {"portal", "load-generator", "mock-slack", "batch-sync", "auto-healer"})
  void imageStartsWithTheAotCacheItShips(String module) {
    String entrypoint =
        docker("image", "inspect", "-f", "{{json .Config.Entrypoint}}", image(module));
    assertThat(entrypoint).contains("\"-XX:AOTCache=/app/aot/app.aot\"");
    Map<String, String> env = manifestEnvironment(workload(module));
    env.put("SERVER_PORT", "0");
    env.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on -Xlog:aot -Dspring.context.exit=onRefresh");

    String id = start(module, env, List.of());

    exitCode(id);
    assertThat(docker("logs", id))
        .doesNotContain("Error occurred during initialization of VM")
        .contains("Opened AOT cache /app/aot/app.aot.")
        .contains("Using AOT-linked classes: true");
  }

  /**
   * The auto-healer's cache is trained through one heal against its training API server
   * (scripts/train-aot-cache.sh), not only to the refresh, its fallback where Docker cannot reach
   * the host's loopback: a CronJob run spends most of its time past the refresh.
   */
  @Test
  void autoHealersCacheIsTrainedThroughAHeal() throws IOException {
    Path target = tars.get("auto-healer").getParent();
    assertThat(Files.readString(target.resolve("aot-training.log")))
        .contains("result: restarted=5");
    assertThat(target.resolve("aot-training-refresh.log")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"portal", "load-generator", "mock-slack"})
  void webServiceAnswersHealthUnderItsManifestConstraints(String module) {
    int port = FreePort.pick();
    Map<String, String> env = manifestEnvironment(workload(module));
    env.put("SERVER_PORT", Integer.toString(port));

    String id = start(module, env, List.of());

    String url = "http://127.0.0.1:" + port + "/health";
    await(module + " /health (docker logs " + id + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> running(id) && get(url).contains("\"UP\""));
  }

  @Test
  void batchSyncPullsThePortalRecordsPushesItsMetricsAndExitsZero() throws IOException {
    try (StubBackends stub = new StubBackends()) {
      Map<String, String> env = manifestEnvironment(workload("batch-sync"));
      env.put("PORTAL_URL", stub.url());
      env.put("PUSHGATEWAY_URL", stub.url());

      String id = start("batch-sync", env, List.of());

      assertThat(exitCode(id)).as(logs(id)).isZero();
      assertThat(stub.requests()).anyMatch(r -> r.startsWith("GET /api/records"));
      assertThat(stub.requests()).anyMatch(r -> r.matches("(PUT|POST) /metrics/job/batch-sync.*"));
    }
  }

  @Test
  void autoHealerScansAnEmptyClusterPushesItsMetricsAndExitsZero(@TempDir Path dir)
      throws IOException {
    try (StubBackends stub = new StubBackends()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: stub, cluster: {server: "%s"}}]
          users: [{name: stub, user: {}}]
          contexts: [{name: stub, context: {cluster: stub, user: stub, namespace: hrt-sre}}]
          current-context: stub
          """
              .formatted(stub.url()));
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
      Map<String, String> env = manifestEnvironment(workload("auto-healer"));
      env.put("PUSHGATEWAY_URL", stub.url());
      env.put("KUBECONFIG", "/etc/stub/kubeconfig");

      String id = start("auto-healer", env, List.of("-v", kubeconfig + ":/etc/stub/kubeconfig:ro"));

      assertThat(exitCode(id)).as(logs(id)).isZero();
      assertThat(stub.requests()).anyMatch(r -> r.startsWith("GET /api/v1/namespaces/portal/pods"));
      assertThat(stub.requests()).anyMatch(r -> r.matches("(PUT|POST) /metrics/job/auto-healer.*"));
    }
  }

  /** docker run with the manifest's constraints; host network so the test's ports are reachable. */
  private static String start(String module, Map<String, String> env, List<String> extra) {
    Manifests.Workload workload = workload(module);
    Container container = workload.containers().get(0);
    PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
    var limits = container.getResources().getLimits();
    List<String> command =
        new ArrayList<>(
            List.of(
                docker,
                "run",
                "-d",
                "--network",
                "host",
                "--user",
                pod.getRunAsUser() + ":" + pod.getRunAsGroup(),
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges",
                "--memory",
                Quantity.getAmountInBytes(limits.get("memory")).toBigInteger().toString(),
                "--cpus",
                Quantity.getAmountInBytes(limits.get("cpu")).toPlainString()));
    if (Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem())) {
      command.add("--read-only");
    }
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume =
          workload.template().getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(volume.getEmptyDir())
          .as("%s mount %s is an emptyDir", module, mount.getName())
          .isNotNull();
      String size =
          Quantity.getAmountInBytes(volume.getEmptyDir().getSizeLimit()).toBigInteger().toString();
      command.addAll(List.of("--tmpfs", mount.getMountPath() + ":rw,size=" + size + ",mode=1777"));
    }
    env.forEach((name, value) -> command.addAll(List.of("-e", name + "=" + value)));
    command.addAll(extra);
    command.add(image(module));
    String id = Commands.require(command, Path.of("."), Duration.ofSeconds(60)).strip();
    STARTED.add(id);
    return id;
  }

  /** The container's environment as the manifest sets it; Secrets get a fresh random value. */
  private static Map<String, String> manifestEnvironment(Manifests.Workload workload) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : workload.containers().get(0).getEnv()) {
      env.put(
          var.getName(), var.getValue() != null ? var.getValue() : UUID.randomUUID().toString());
    }
    return env;
  }

  private static Manifests.Workload workload(String module) {
    return Manifests.of("dev").workloads().stream()
        .filter(w -> w.name().equals(module))
        .findFirst()
        .orElseThrow();
  }

  private static String image(String module) {
    return "hrt-sre/" + module + ":" + TAG;
  }

  private static int exitCode(String id) {
    return Integer.parseInt(docker("wait", id).strip());
  }

  private static boolean running(String id) {
    String state = docker("inspect", "-f", "{{.State.Running}}", id).strip();
    if (!state.equals("true")) {
      Assertions.fail("container exited:\n" + logs(id));
    }
    return true;
  }

  private static String logs(String id) {
    return Commands.run(
            List.of(docker, "logs", "--tail", "80", id), Path.of("."), Duration.ofSeconds(30))
        .output();
  }

  private static String docker(String... args) {
    List<String> command = new ArrayList<>(List.of(docker));
    command.addAll(List.of(args));
    return Commands.require(command, Path.of("."), Duration.ofSeconds(150));
  }

  private static String get(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void requireRunningEngine() {
    Commands.Result info =
        Commands.run(List.of(docker, "info"), Path.of("."), Duration.ofSeconds(30));
    if (!info.ok()) {
      String message = "the Docker engine is not running (start dockerd, TOOLCHAIN.md)";
      if (ExternalTool.isCi()) {
        Assertions.fail("CI=true and " + message + "\n" + info.output());
      }
      Assumptions.abort("skipped: " + message);
    }
  }
}
