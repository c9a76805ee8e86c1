package com.hrt.sre.autohealer.heal;

import com.hrt.sre.autohealer.workload.HealHistory;
import com.hrt.sre.autohealer.workload.Workload;
import java.time.Duration;
import java.time.Instant;

/**
 * The safety rails, checked in this order: opt-out, paused Deployment, cooldown, heals per hour
 * (give up), heals per run, then restart (or dry-run). Cooldown comes before the give-up so that
 * the healer only gives up when it would otherwise restart again: the last heal has had its full
 * cooldown to work.
 */
public final class HealPolicy {

  private final Duration cooldown;
  private final int maxHealsPerHour;
  private final int maxHealsPerRun;
  private final boolean dryRun;

  public HealPolicy(Duration cooldown, int maxHealsPerHour, int maxHealsPerRun, boolean dryRun) {
    this.cooldown = cooldown;
    this.maxHealsPerHour = maxHealsPerHour;
    this.maxHealsPerRun = maxHealsPerRun;
    this.dryRun = dryRun;
  }

  /** Decides for {@code workload} at {@code now}, with {@code healsThisRun} heals already done. */
  public Verdict decide(Workload workload, Instant now, int healsThisRun) {
    if (workload.optedOut()) {
      return new Verdict(
          Action.SKIPPED_OPT_OUT, "annotation " + HealHistory.OPT_OUT_ANNOTATION + "=false");
    }
    if (workload.paused()) {
      return new Verdict(
          Action.SKIPPED_PAUSED,
          "Deployment is paused (spec.paused=true): its rollouts are on hold; resume it with"
              + " kubectl rollout resume");
    }
    HealHistory history = workload.history();
    if (history.lastHeal().isPresent()) {
      Duration since = Duration.between(history.lastHeal().get(), now);
      if (since.compareTo(cooldown) < 0) {
        return new Verdict(
            Action.SKIPPED_COOLDOWN,
            "healed " + since.toSeconds() + "s ago, cooldown " + cooldown.toSeconds() + "s");
      }
    }
    long lastHour = history.healsInLastHour(now);
    if (lastHour >= maxHealsPerHour) {
      return new Verdict(
          Action.GAVE_UP,
          lastHour
              + " heals in the last hour (max "
              + maxHealsPerHour
              + ") and still crash-looping: a restart loop is a human's job");
    }
    if (healsThisRun >= maxHealsPerRun) {
      return new Verdict(
          Action.SKIPPED_RUN_LIMIT,
          healsThisRun + " heals in this run already (max " + maxHealsPerRun + ")");
    }
    return dryRun
        ? new Verdict(Action.DRY_RUN, "would roll out a restart (DRY_RUN=true, nothing written)")
        : new Verdict(Action.RESTARTED, "rollout restart");
  }
}
