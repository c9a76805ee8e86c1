package com.hrt.sre.gitops.sync;

import com.hrt.sre.gitops.cluster.Change;
import com.hrt.sre.gitops.cluster.ClusterApplier;
import com.hrt.sre.gitops.cluster.ObjectKey;
import com.hrt.sre.gitops.config.GitopsProperties;
import com.hrt.sre.gitops.render.InvalidManifestsException;
import com.hrt.sre.gitops.render.KustomizeRenderer;
import com.hrt.sre.gitops.render.ManifestValidator;
import com.hrt.sre.gitops.render.RenderException;
import com.hrt.sre.gitops.render.RenderToolException;
import com.hrt.sre.gitops.source.Commit;
import com.hrt.sre.gitops.source.GitSource;
import com.hrt.sre.gitops.source.GitSourceException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One sync: fetch the branch; on a new commit render the overlay, validate every object, have the
 * API server validate every object, then apply them all and prune what left the render.
 *
 * <p>Failures come in two kinds. A commit whose own content fails (kustomize rejects it, an object
 * is invalid, the API server's dry run refuses it as invalid) is <em>rejected</em>: it fails the
 * same way every time, so it is not rendered again until a newer commit arrives, and the cluster
 * keeps the last good commit. Rejected is not handled: every poll while it is the tip reports the
 * failure again (health DOWN, no new last-sync timestamp), so a cluster left behind stays visible
 * until a commit is applied. Everything else (Git, a missing or hung kubectl, I/O, the API server
 * unreachable, 5xx, 403, conflicts) is <em>retryable</em>: the same commit is tried again, after a
 * backoff that starts at one poll interval and doubles up to {@code retryMaxBackoff}.
 */
@Service
public class SyncService {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final GitSource source;
  private final KustomizeRenderer renderer;
  private final ManifestValidator validator;
  private final ClusterApplier applier;
  private final SyncMetrics metrics;
  private final Clock clock;
  private final ExponentialBackOff backOffPolicy;
  private final String overlayPath;
  private final boolean dryRun;

  private String lastAppliedCommit;
  private SyncResult rejected; // the tip's own content failed: reported, never rendered again
  private SyncResult planned; // dry-run: the plan of the tip, not computed again
  private SyncResult lastResult;
  private BackOffExecution backOff; // consecutive retryable failures, null after any other result
  private Instant retryAt;

  SyncService(
      GitSource source,
      KustomizeRenderer renderer,
      ManifestValidator validator,
      ClusterApplier applier,
      SyncMetrics metrics,
      Clock clock,
      GitopsProperties properties) {
    this.source = source;
    this.renderer = renderer;
    this.validator = validator;
    this.applier = applier;
    this.metrics = metrics;
    this.clock = clock;
    this.backOffPolicy = new ExponentialBackOff(properties.pollInterval().toMillis(), 2.0);
    this.backOffPolicy.setMaxInterval(
        Math.max(properties.pollInterval().toMillis(), properties.retryMaxBackoff().toMillis()));
    this.overlayPath = properties.path();
    this.dryRun = properties.dryRun();
  }

  /**
   * Runs one sync and records its result in the metrics and logs. While a retryable failure waits
   * out its backoff, a poll tries nothing and reports that failure again.
   */
  public synchronized SyncResult sync() {
    SyncResult result;
    if (retryAt != null && clock.instant().isBefore(retryAt)) {
      result = lastResult;
    } else {
      try {
        result = attempt();
      } catch (RuntimeException e) { // a bug or an API surprise: counted, logged with its trace
        log.error("event=sync-failed stage=unexpected reason=\"{}\"", e, e);
        result = retryable(null, "unexpected", e.toString(), false);
      }
      if (!result.retryable()) {
        backOff = null;
        retryAt = null;
      }
    }
    metrics.record(result);
    lastResult = result;
    return result;
  }

  public synchronized Optional<SyncResult> lastResult() {
    return Optional.ofNullable(lastResult);
  }

  public synchronized Optional<String> lastAppliedCommit() {
    return Optional.ofNullable(lastAppliedCommit);
  }

  /** When a poll will try again after a retryable failure (empty when it will not wait). */
  public synchronized Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  private SyncResult attempt() {
    String tip;
    try {
      tip = source.fetchTip();
    } catch (GitSourceException e) {
      return retryable(null, "fetch", e.getMessage(), true);
    }
    if (tip.equals(lastAppliedCommit)) {
      return new SyncResult(SyncResult.Outcome.UP_TO_DATE, tip, List.of(), null, false);
    }
    if (rejected != null && tip.equals(rejected.commit())) {
      return rejected; // still the tip, still failed: logged once, reported on every poll
    }
    if (planned != null && tip.equals(planned.commit())) {
      return planned;
    }
    Commit commit;
    List<HasMetadata> objects;
    try {
      commit = source.checkout(tip);
      objects = renderer.render(commit.tree().resolve(overlayPath));
      validator.validate(objects);
    } catch (GitSourceException e) {
      return retryable(tip, "checkout", e.getMessage(), true);
    } catch (RenderToolException e) {
      return retryable(tip, "render", e.getMessage(), true);
    } catch (RenderException e) {
      return reject(tip, "render", e.getMessage());
    } catch (InvalidManifestsException e) {
      return reject(tip, "validate", e.getMessage());
    }
    try {
      return dryRun ? planOnly(commit, objects) : apply(commit, objects);
    } catch (KubernetesClientException e) {
      return retryable(tip, "apply", describe(e), true);
    }
  }

  private SyncResult planOnly(Commit commit, List<HasMetadata> objects) {
    List<Change> changes = applier.plan(objects);
    changes.stream()
        .filter(change -> change.action() != Change.Action.UNCHANGED)
        .forEach(
            change ->
                log.info("event=would-change commit={} {}", commit.shortId(), change.describe()));
    log.info(
        "event=dry-run commit={} objects={} {}",
        commit.shortId(),
        objects.size(),
        summary(changes));
    planned = new SyncResult(SyncResult.Outcome.DRY_RUN, commit.id(), changes, null, false);
    return planned;
  }

  private SyncResult apply(Commit commit, List<HasMetadata> objects) {
    List<Change> changes = applier.plan(objects);
    try {
      applier.validateOnServer(objects); // the API server checks every object before any is applied
    } catch (KubernetesClientException e) {
      if (refusesTheContent(e)) {
        return reject(commit.id(), "server-validate", describe(e));
      }
      throw e;
    }
    applier.apply(objects);
    List<ObjectKey> pruned = applier.prune(objects);
    changes.stream()
        .filter(change -> change.action() != Change.Action.UNCHANGED)
        .forEach(
            change -> log.info("event=changed commit={} {}", commit.shortId(), change.describe()));
    log.info(
        "event=applied commit={} objects={} {} pruned={}",
        commit.shortId(),
        objects.size(),
        summary(changes),
        pruned.size());
    lastAppliedCommit = commit.id();
    metrics.appliedCommit(commit.id());
    return new SyncResult(SyncResult.Outcome.APPLIED, commit.id(), changes, null, false);
  }

  /**
   * 400 and 422 from a dry run: the API server found the objects themselves invalid (a schema
   * error, an immutable field changed). 403, 404, 409, 429, 5xx and no answer at all depend on the
   * cluster's state, and may pass on the next try.
   */
  private static boolean refusesTheContent(KubernetesClientException e) {
    return e.getCode() == 400 || e.getCode() == 422;
  }

  /** The same commit renders and validates the same way: remember it, and wait for a new one. */
  private SyncResult reject(String commit, String stage, String reason) {
    logFailure(commit, stage, reason, "no (rejected until a newer commit)");
    rejected =
        new SyncResult(SyncResult.Outcome.FAILED, commit, List.of(), stage + ": " + reason, false);
    return rejected;
  }

  /** A failure that is not the commit's: try again after the next step of the backoff. */
  private SyncResult retryable(String commit, String stage, String reason, boolean logIt) {
    if (backOff == null) {
      backOff = backOffPolicy.start();
    }
    Duration delay = Duration.ofMillis(backOff.nextBackOff());
    retryAt = clock.instant().plus(delay);
    if (logIt) {
      logFailure(commit, stage, reason, "in " + delay);
    }
    return new SyncResult(
        SyncResult.Outcome.FAILED, commit, List.of(), stage + ": " + reason, true);
  }

  private void logFailure(String commit, String stage, String reason, String retry) {
    log.warn(
        "event=sync-failed commit={} stage={} keeps={} retry=\"{}\" reason=\"{}\"",
        commit == null ? "-" : commit.substring(0, Math.min(12, commit.length())),
        stage,
        lastAppliedCommit == null ? "-" : lastAppliedCommit.substring(0, 12),
        retry,
        reason.replace('"', '\''));
  }

  private static String summary(List<Change> changes) {
    return "create="
        + count(changes, Change.Action.CREATE)
        + " update="
        + count(changes, Change.Action.UPDATE)
        + " unchanged="
        + count(changes, Change.Action.UNCHANGED)
        + " prune="
        + count(changes, Change.Action.PRUNE);
  }

  private static long count(List<Change> changes, Change.Action action) {
    return changes.stream().filter(change -> change.action() == action).count();
  }

  private static String describe(KubernetesClientException e) {
    if (e.getCode() <= 0) { // no HTTP answer at all: wrong context, cluster down, network
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return "cannot reach the Kubernetes API: " + cause;
    }
    String message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
    return "HTTP " + e.getCode() + " " + (message == null ? "" : message.replace('\n', ' '));
  }
}
