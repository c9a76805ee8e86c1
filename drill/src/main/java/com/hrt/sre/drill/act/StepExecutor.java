package com.hrt.sre.drill.act;

import com.hrt.sre.drill.scenario.Step;
import java.time.Instant;
import java.util.List;

/**
 * Carries out one step of a scenario in one mode (local processes, or the k3d cluster through
 * {@code kubectl}). The runner depends on this alone, so its loop is tested with a recording double
 * and each mode's actions are tested against the real tools.
 */
public interface StepExecutor {

  /**
   * Returns once the step has taken effect (the portal answers the chaos asked for, the process is
   * stopped or ready, the Deployment has the replicas asked for, the batch run has finished and
   * pushed its metrics), or throws {@link ActionFailedException} saying what failed and what to do.
   */
  void execute(Step step);

  /**
   * What the auto-healer did since {@code since} (its Kubernetes Events, one line each), for the
   * report card; empty where the mode has no auto-healer.
   */
  List<String> autoHealerActions(Instant since);
}
