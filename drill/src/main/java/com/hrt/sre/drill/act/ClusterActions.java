package com.hrt.sre.drill.act;

import com.hrt.sre.drill.scenario.Step;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Cluster mode (the k3d demo, scripts/cluster-*.sh): every step through the real {@code kubectl},
 * each call bounded, kubectl's stderr in the error.
 */
public final class ClusterActions implements StepExecutor, AutoCloseable {

  static final String PORTAL_NAMESPACE = "portal";
  static final String PORTAL_DEPLOYMENT = "portal";
  static final int PORTAL_PORT = 8080;

  /** How long each kind of wait may take, and how often it asks. */
  public record Timing(
      Duration poll, Duration rollout, Duration job, Duration autoHealer, Duration portForward) {}

  private final Kubectl kubectl;
  private final HttpClient http;
  private final Clock clock;
  private final Timing timing;
  private final ClusterBatchRun batch;
  private final AutoHealerEvents healerEvents;
  private Instant lastStep;

  /**
   * @param kubectlBinary the kubectl executable
   * @param context the kube context (the demo's is {@code k3d-hrt-demo}), or empty for the current
   * @param kubeconfig a kubeconfig file, or empty for kubectl's default
   */
  public ClusterActions(
      String kubectlBinary,
      String context,
      String kubeconfig,
      HttpClient http,
      Clock clock,
      Timing timing) {
    this.kubectl = new Kubectl(kubectlBinary, context, kubeconfig, Duration.ofSeconds(30));
    this.http = http;
    this.clock = clock;
    this.timing = timing;
    this.batch = new ClusterBatchRun(kubectl, clock, timing.poll(), timing.job());
    this.healerEvents = new AutoHealerEvents(kubectl);
    this.lastStep = clock.instant();
  }

  @Override
  public void execute(Step step) {
    String what = step.describe();
    switch (step) {
      case Step.PortalChaos chaos -> {
        lastStep = clock.instant();
        onEveryPortalPod(what, admin -> admin.apply(chaos));
      }
      case Step.PortalChaosReset reset -> {
        lastStep = clock.instant();
        onEveryPortalPod(what, admin -> admin.apply(reset));
      }
      case Step.ScaleDeployment scale -> {
        lastStep = clock.instant();
        scale(scale, what);
      }
      case Step.SuspendCronJob suspend -> {
        lastStep = clock.instant();
        suspend(suspend, what);
      }
      case Step.RunBatch run -> {
        lastStep = clock.instant();
        batch.run(run.env(), what);
      }
      case Step.AwaitAutoHealer awaiting -> awaitAutoHealer(what);
      case Step.StopProcess stop -> throw localOnly(what);
      case Step.StartProcess start -> throw localOnly(what);
    }
  }

  @Override
  public List<String> autoHealerActions(Instant since) {
    return healerEvents.since(since).stream().map(AutoHealerEvents.HealEvent::line).toList();
  }

  /** Resumes the batch-sync CronJob if a drill run still holds it. */
  @Override
  public void close() {
    batch.release();
  }

  private void scale(Step.ScaleDeployment scale, String what) {
    String ns = scale.namespace();
    String name = scale.deployment();
    kubectl.run(
        what,
        "-n",
        ns,
        "patch",
        "deployment",
        name,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"replicas\":" + scale.replicas() + "}}");
    // Polled, not `kubectl rollout status`: the same conditions, one short request per poll.
    Polling.until(
        what + ": deployment " + ns + "/" + name + " to have " + scale.replicas() + " replicas",
        timing.rollout(),
        timing.poll(),
        () ->
            rolledOut(kubectl.json(what, "-n", ns, "get", "deployment", name), scale.replicas())
                ? Optional.of(true)
                : Optional.empty());
  }

  /** kubectl rollout status' conditions: the controller saw the change, every replica is new. */
  static boolean rolledOut(JsonNode deployment, int replicas) {
    JsonNode status = deployment.path("status");
    long generation = deployment.path("metadata").path("generation").asLong(0);
    return status.path("observedGeneration").asLong(0) >= generation
        && status.path("updatedReplicas").asInt(0) == replicas
        && status.path("replicas").asInt(0) == replicas
        && status.path("availableReplicas").asInt(0) == replicas;
  }

  private void suspend(Step.SuspendCronJob suspend, String what) {
    String ns = suspend.namespace();
    kubectl.run(
        what,
        "-n",
        ns,
        "patch",
        "cronjob",
        suspend.cronJob(),
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"suspend\":" + suspend.suspend() + "}}");
    boolean now =
        kubectl
            .json(what, "-n", ns, "get", "cronjob", suspend.cronJob())
            .path("spec")
            .path("suspend")
            .asBoolean(false);
    if (now != suspend.suspend()) {
      throw new ActionFailedException(what + ": the CronJob still has spec.suspend=" + now);
    }
  }

  private void awaitAutoHealer(String what) {
    Instant since = lastStep;
    AutoHealerEvents.HealEvent event =
        Polling.until(
            what + ": an AutoHealed Event on deployment portal/portal since " + since,
            timing.autoHealer(),
            timing.poll(),
            () ->
                healerEvents.since(since).stream()
                    .filter(e -> e.namespace().equals(PORTAL_NAMESPACE))
                    .filter(e -> e.name().equals(PORTAL_DEPLOYMENT))
                    .findFirst());
    if (event.reason().equals(AutoHealerEvents.GAVE_UP)) {
      throw new ActionFailedException(what + ": the auto-healer gave up: " + event.message());
    }
  }

  private interface AdminCall {
    void apply(PortalAdmin admin);
  }

  /** Chaos settings are per pod: each running portal pod through its own port-forward. */
  private void onEveryPortalPod(String what, AdminCall call) {
    String token = adminToken(what);
    JsonNode pods =
        kubectl.json(
            what,
            "-n",
            PORTAL_NAMESPACE,
            "get",
            "pods",
            "-l",
            "app.kubernetes.io/name=portal",
            "--field-selector=status.phase=Running");
    List<String> names = new ArrayList<>();
    pods.path("items").forEach(pod -> names.add(pod.path("metadata").path("name").asString()));
    if (names.isEmpty()) {
      throw new ActionFailedException(what + ": no running portal pod (make status)");
    }
    for (String pod : names) {
      try (PortForward forward =
          PortForward.open(kubectl, PORTAL_NAMESPACE, pod, PORTAL_PORT, timing.portForward())) {
        call.apply(
            new PortalAdmin(URI.create("http://127.0.0.1:" + forward.localPort()), token, http));
      } catch (ActionFailedException e) {
        throw new ActionFailedException("pod " + pod + ": " + e.getMessage());
      }
    }
  }

  /** The token the cluster's portal checks: Secret portal/portal-admin, key token. */
  private String adminToken(String what) {
    JsonNode secret = kubectl.json(what, "-n", PORTAL_NAMESPACE, "get", "secret", "portal-admin");
    String encoded = secret.path("data").path("token").asString("");
    if (encoded.isBlank()) {
      throw new ActionFailedException(
          what + ": secret portal/portal-admin has no key token (make bootstrap creates it)");
    }
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).strip();
  }

  private static ActionFailedException localOnly(String what) {
    return new ActionFailedException(
        what + ": a local-mode step; the cluster has no local processes to stop or start");
  }
}
