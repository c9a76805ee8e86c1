package com.hrt.sre.drill.act;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch-sync run in the cluster: a Job made from the CronJob's own template ({@code kubectl
 * create job --from=cronjob/batch-sync --dry-run=client -o json}), its container's environment
 * changed in the JSON (a Job's pod template cannot be changed once created), created, and waited
 * for until it completed or failed.
 *
 * <p>The CronJob keeps running on its schedule meanwhile, and its next run would push a good result
 * over a drill's failed one, resolving the alert the drill waits for. So a run suspends the CronJob
 * (unless someone else already had), after a run in progress has finished, and keeps it suspended
 * until a run succeeds or {@link #release()} is called (the drill's end).
 */
final class ClusterBatchRun {

  static final String NAMESPACE = "hrt-sre";
  static final String CRONJOB = "batch-sync";
  static final String CONTAINER = "batch-sync";

  private final Kubectl kubectl;
  private final Clock clock;
  private final Duration poll;
  private final Duration jobTimeout;
  private boolean holding;
  private long lastStamp;

  ClusterBatchRun(Kubectl kubectl, Clock clock, Duration poll, Duration jobTimeout) {
    this.kubectl = kubectl;
    this.clock = clock;
    this.poll = poll;
    this.jobTimeout = jobTimeout;
  }

  /** Runs batch-sync once with {@code env} on top of the CronJob's; returns its exit code (0/1). */
  synchronized int run(Map<String, String> env, String what) {
    hold(what);
    String name = CRONJOB + "-drill-" + nextStamp();
    JsonNode job =
        kubectl.json(
            what,
            "-n",
            NAMESPACE,
            "create",
            "job",
            name,
            "--from=cronjob/" + CRONJOB,
            "--dry-run=client");
    withEnv(job, env, what);
    // --validate=false: the object is kubectl's own rendering of the CronJob's template plus env
    // entries, so the OpenAPI round trip adds nothing; the API server still checks it on create.
    kubectl.runWithInput(
        what, Kubectl.mapper().writeValueAsString(job), "create", "--validate=false", "-f", "-");
    String finished =
        Polling.until(
            what + ": job " + NAMESPACE + "/" + name + " to complete or fail",
            jobTimeout,
            poll,
            () -> finishedCondition(kubectl.json(what, "-n", NAMESPACE, "get", "job", name)));
    int exit = exitCode(name, what, finished);
    if (exit == 0) {
      release();
    }
    return exit;
  }

  /**
   * The run's epoch second, or one more than the last run's: two runs in one second (a failed run
   * and its mend) would otherwise name the same Job, and the second create would be refused.
   */
  private long nextStamp() {
    lastStamp = Math.max(clock.instant().getEpochSecond(), lastStamp + 1);
    return lastStamp;
  }

  /** Resumes the CronJob if a drill run suspended it. */
  synchronized void release() {
    if (holding) {
      suspend(false, "resume cronjob " + NAMESPACE + "/" + CRONJOB + " after the drill's runs");
      holding = false;
    }
  }

  private void hold(String what) {
    JsonNode cronJob = kubectl.json(what, "-n", NAMESPACE, "get", "cronjob", CRONJOB);
    if (!holding && !cronJob.path("spec").path("suspend").asBoolean(false)) {
      suspend(true, what);
      holding = true;
    }
    Polling.until(
        what + ": the scheduled run in progress (cronjob " + NAMESPACE + "/" + CRONJOB + ")",
        jobTimeout,
        poll,
        () ->
            kubectl
                    .json(what, "-n", NAMESPACE, "get", "cronjob", CRONJOB)
                    .path("status")
                    .path("active")
                    .isEmpty()
                ? Optional.of(true)
                : Optional.empty());
  }

  private void suspend(boolean suspend, String what) {
    kubectl.run(
        what,
        "-n",
        NAMESPACE,
        "patch",
        "cronjob",
        CRONJOB,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"suspend\":" + suspend + "}}");
  }

  private static void withEnv(JsonNode job, Map<String, String> env, String what) {
    JsonNode containers = job.path("spec").path("template").path("spec").path("containers");
    for (JsonNode container : containers) {
      if (!CONTAINER.equals(container.path("name").asString(""))) {
        continue;
      }
      ObjectNode target = (ObjectNode) container;
      ArrayNode list =
          target.get("env") instanceof ArrayNode existing ? existing : target.putArray("env");
      env.forEach(
          (key, value) -> {
            for (int i = list.size() - 1; i >= 0; i--) {
              if (key.equals(list.get(i).path("name").asString(""))) {
                list.remove(i);
              }
            }
            list.addObject().put("name", key).put("value", value);
          });
      return;
    }
    throw new ActionFailedException(
        what + ": cronjob " + NAMESPACE + "/" + CRONJOB + " has no container named " + CONTAINER);
  }

  /** "Complete" or "Failed" once the Job has one of those conditions with status True. */
  private static Optional<String> finishedCondition(JsonNode job) {
    for (JsonNode condition : job.path("status").path("conditions")) {
      String type = condition.path("type").asString("");
      if ((type.equals("Complete") || type.equals("Failed"))
          && condition.path("status").asString("").equals("True")) {
        return Optional.of(type + " " + condition.path("message").asString("").strip());
      }
    }
    return Optional.empty();
  }

  /**
   * The batch-sync container's exit code: 0 and 1 are runs that pushed their metrics (success,
   * failure); anything else (2: configuration refused) pushed nothing and fails the step.
   */
  private int exitCode(String job, String what, String finished) {
    JsonNode pods = kubectl.json(what, "-n", NAMESPACE, "get", "pods", "-l", "job-name=" + job);
    for (JsonNode pod : pods.path("items")) {
      for (JsonNode status : pod.path("status").path("containerStatuses")) {
        JsonNode exit = status.path("state").path("terminated").path("exitCode");
        if (CONTAINER.equals(status.path("name").asString("")) && exit.isNumber()) {
          int code = exit.asInt();
          if (code == 0 || code == 1) {
            return code;
          }
          throw new ActionFailedException(
              what
                  + ": batch-sync exited "
                  + code
                  + " (2: its settings were refused), nothing was pushed; see kubectl -n "
                  + NAMESPACE
                  + " logs job/"
                  + job);
        }
      }
    }
    throw new ActionFailedException(
        what
            + ": job "
            + NAMESPACE
            + "/"
            + job
            + " ended ("
            + finished
            + ") without a finished batch-sync container; see kubectl -n "
            + NAMESPACE
            + " describe job/"
            + job);
  }
}
