package com.hrt.sre.drill.act;

import com.hrt.sre.drill.scenario.Step;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local mode (the stack {@code make local-up} runs): the portal's chaos through its admin API, and
 * the processes through {@code scripts/local-process.sh}, which works on local-up's own pid files
 * and command lines (one definition of each process for both).
 *
 * <p>A batch run holds batch-sync's scheduler (the script explains why); this releases it after a
 * successful run and on {@link #close()}.
 */
public final class LocalActions implements StepExecutor, AutoCloseable {

  private static final Pattern RUN_RESULT = Pattern.compile("exit=(\\d+) pushgateway=(\\S+)");

  private final Path script;
  private final Map<String, String> scriptEnv;
  private final PortalAdmin portal;
  private final PushedBatchRun pushed;
  private final Clock clock;
  private final Duration timeout;
  private boolean holdingSchedule;

  /**
   * @param repository the repository root (its scripts/local-process.sh is used)
   * @param scriptEnv the script's extra environment (LOCAL_DIR, ...)
   * @param portal the local portal's admin API
   * @param timeout the bound of one script call (a start waits for readiness, a batch run for a
   *     scheduled run in progress)
   */
  public LocalActions(
      Path repository,
      Map<String, String> scriptEnv,
      PortalAdmin portal,
      HttpClient http,
      Clock clock,
      Duration timeout) {
    this.script = repository.resolve("scripts/local-process.sh");
    this.scriptEnv = Map.copyOf(scriptEnv);
    this.portal = portal;
    this.pushed = new PushedBatchRun(http);
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public void execute(Step step) {
    String what = step.describe();
    switch (step) {
      case Step.PortalChaos chaos -> portal.apply(chaos);
      case Step.PortalChaosReset reset -> portal.apply(reset);
      case Step.StopProcess stop -> script(what, Map.of(), "stop", stop.process());
      case Step.StartProcess start -> script(what, Map.of(), "start", start.process());
      case Step.RunBatch run -> runBatch(run, what);
      case Step.ScaleDeployment scale -> throw clusterOnly(what);
      case Step.SuspendCronJob suspend -> throw clusterOnly(what);
      case Step.AwaitAutoHealer awaiting -> throw clusterOnly(what);
    }
  }

  /** Local mode runs no auto-healer. */
  @Override
  public List<String> autoHealerActions(Instant since) {
    return List.of();
  }

  /** Lets batch-sync's scheduler run again if a drill run still holds it. */
  @Override
  public synchronized void close() {
    if (holdingSchedule) {
      script("release batch-sync's scheduler", Map.of(), "release-schedule");
      holdingSchedule = false;
    }
  }

  private synchronized void runBatch(Step.RunBatch run, String what) {
    Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    holdingSchedule = true;
    String out = script(what, run.env(), "run-batch");
    Matcher result = RUN_RESULT.matcher(out);
    if (!result.find()) {
      throw new ActionFailedException(what + ": local-process.sh said " + out.strip());
    }
    int exit = Integer.parseInt(result.group(1));
    if (exit != 0 && exit != 1) {
      throw new ActionFailedException(
          what
              + ": batch-sync exited "
              + exit
              + " (2: its settings were refused), nothing was pushed; see .local/logs/batch-sync.log");
    }
    pushed.require(URI.create(result.group(2)), start, exit == 0, what);
    if (exit == 0) {
      close();
    }
  }

  private String script(String what, Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(scriptEnv);
    all.putAll(env);
    List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
    argv.addAll(List.of(args));
    Command.Result result = new Command(argv, all, null, timeout).run("");
    if (!result.ok()) {
      throw new ActionFailedException(
          what + ": " + String.join(" ", argv) + " failed: " + result.stderr().strip());
    }
    return result.stdout();
  }

  private static ActionFailedException clusterOnly(String what) {
    return new ActionFailedException(
        what + ": a cluster-mode step; local mode has no Deployments, CronJobs or auto-healer");
  }
}
