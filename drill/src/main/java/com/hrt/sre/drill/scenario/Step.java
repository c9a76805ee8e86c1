package com.hrt.sre.drill.scenario;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One action of a drill, as a scenario file spells it under {@code action:}. Each says what it does
 * in one line, for the plan and the report.
 */
public sealed interface Step {

  String describe();

  /** {@code PUT /admin/chaos} with this body (any subset of the portal's chaos fields). */
  record PortalChaos(Map<String, Number> body) implements Step {
    public PortalChaos {
      body = Map.copyOf(body);
    }

    @Override
    public String describe() {
      return "PUT /admin/chaos "
          + body.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** {@code POST /admin/chaos/reset}: the documented fix of every chaos break. */
  record PortalChaosReset() implements Step {
    @Override
    public String describe() {
      return "POST /admin/chaos/reset";
    }
  }

  /** Local mode: stop one process of the local stack (its scrape target disappears). */
  record StopProcess(String process) implements Step {
    @Override
    public String describe() {
      return "stop the local " + process + " process";
    }
  }

  /** Local mode: start a process of the local stack again. */
  record StartProcess(String process) implements Step {
    @Override
    public String describe() {
      return "start the local " + process + " process again";
    }
  }

  /** Cluster mode: scale a Deployment (0 makes its scrape target disappear). */
  record ScaleDeployment(String namespace, String deployment, int replicas) implements Step {
    @Override
    public String describe() {
      return "scale deployment " + namespace + "/" + deployment + " to " + replicas;
    }
  }

  /** Cluster mode: suspend or resume a CronJob. */
  record SuspendCronJob(String namespace, String cronJob, boolean suspend) implements Step {
    @Override
    public String describe() {
      return (suspend ? "suspend" : "resume") + " cronjob " + namespace + "/" + cronJob;
    }
  }

  /** Run batch-sync once (a local process, or a Job from its CronJob) with these settings. */
  record RunBatch(Map<String, String> env) implements Step {
    public RunBatch {
      env = Map.copyOf(env);
    }

    @Override
    public String describe() {
      return "run batch-sync once with "
          + env.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" "));
    }
  }

  /** Cluster mode: nothing to do but wait; the auto-healer is expected to act. */
  record AwaitAutoHealer() implements Step {
    @Override
    public String describe() {
      return "wait for the auto-healer to roll the workload out";
    }
  }
}
