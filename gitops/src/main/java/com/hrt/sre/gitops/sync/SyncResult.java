package com.hrt.sre.gitops.sync;

import com.hrt.sre.gitops.cluster.Change;
import java.util.List;

/**
 * What one sync did.
 *
 * @param outcome how it ended
 * @param commit the commit it looked at (null if the fetch failed)
 * @param changes what changed, or in dry-run what would change
 * @param error why it failed (null unless {@code outcome} is a failure)
 * @param retryable a failure that is not the commit's own (Git, kubectl, I/O, the API server), to
 *     be tried again; false for a rejected commit and for every success
 */
public record SyncResult(
    Outcome outcome, String commit, List<Change> changes, String error, boolean retryable) {

  /** How a sync ended. */
  public enum Outcome {
    /** The commit was applied (and pruned). */
    APPLIED,
    /** Dry-run: the changes were computed and logged, nothing changed. */
    DRY_RUN,
    /** The tip is the commit already applied: nothing to do. */
    UP_TO_DATE,
    /**
     * Fetch, render, validation or apply failed, or the tip is a rejected commit: the cluster is
     * not at the tip.
     */
    FAILED;

    /** The value of the {@code result} label of {@code gitops_sync_total}. */
    String metricLabel() {
      return switch (this) {
        case APPLIED -> "success";
        case DRY_RUN -> "dry_run";
        case UP_TO_DATE -> "up_to_date";
        case FAILED -> "failure";
      };
    }
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }
}
