package com.hrt.sre.autohealer.heal;

/** What a run did about one unhealthy workload: the {@code action} label of the metrics. */
public enum Action {
  /** Rolled out a restart. */
  RESTARTED("restarted"),
  /** Would have rolled out a restart; DRY_RUN is on. */
  DRY_RUN("dry_run"),
  /** Healed too recently: wait for the last heal to show its effect. */
  SKIPPED_COOLDOWN("skipped_cooldown"),
  /** The workload carries {@code hrt-sre/auto-heal: "false"}. */
  SKIPPED_OPT_OUT("skipped_opt_out"),
  /**
   * The Deployment is paused ({@code spec.paused}): someone holds its rollouts on purpose, and
   * {@code kubectl rollout restart} refuses a paused Deployment too.
   */
  SKIPPED_PAUSED("skipped_paused"),
  /** MAX_HEALS_PER_RUN already reached in this run; the next run looks again. */
  SKIPPED_RUN_LIMIT("skipped_run_limit"),
  /** Healed MAX_HEALS_PER_HOUR times in the last hour and still unhealthy: a human's job. */
  GAVE_UP("gave_up"),
  /** An API call failed (after retries). */
  FAILED("failed");

  private final String label;

  Action(String label) {
    this.label = label;
  }

  /** The metric label value. */
  public String label() {
    return label;
  }

  /** True when the action counts against MAX_HEALS_PER_RUN (a dry run counts like the real one). */
  public boolean countsAsHeal() {
    return this == RESTARTED || this == DRY_RUN;
  }
}
