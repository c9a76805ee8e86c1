package com.hrt.sre.gitops.sync;

import com.hrt.sre.gitops.cluster.Change;
import com.hrt.sre.gitops.cluster.ClusterApplier;
import com.hrt.sre.gitops.cluster.ObjectKey;
import com.hrt.sre.gitops.config.GitopsProperties;
import com.hrt.sre.gitops.render.InvalidManifestsException;
import com.hrt.sre.gitops.render.KustomizeRenderer;
import com.hrt.sre.gitops.render.ManifestValidator;
import com.hrt.sre.gitops.render.RenderException;
import com.hrt.sre.gitops.source.Commit;
import com.hrt.sre.gitops.source.GitSource;
import com.hrt.sre.gitops.source.GitSourceException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One sync: fetch the branch; on a new commit render the overlay, validate every object, have the
 * API server validate every object, then apply them all and prune what left the render.
 *
 * <p>A commit that fails to render or validate is deterministic: it is not retried until a newer
 * commit arrives, and the cluster keeps the last good commit. A failure talking to the cluster or
 * to Git is transient: the same commit is tried again on the next poll.
 */
@Service
public class SyncService {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final GitSource source;
  private final KustomizeRenderer renderer;
  private final ManifestValidator validator;
  private final ClusterApplier applier;
  private final SyncMetrics metrics;
  private final String overlayPath;
  private final boolean dryRun;

  private String lastHandledCommit;
  private String lastAppliedCommit;
  private SyncResult lastResult;

  SyncService(
      GitSource source,
      KustomizeRenderer renderer,
      ManifestValidator validator,
      ClusterApplier applier,
      SyncMetrics metrics,
      GitopsProperties properties) {
    this.source = source;
    this.renderer = renderer;
    this.validator = validator;
    this.applier = applier;
    this.metrics = metrics;
    this.overlayPath = properties.path();
    this.dryRun = properties.dryRun();
  }

  /** Runs one sync and records its result in the metrics and logs. */
  public synchronized SyncResult sync() {
    SyncResult result;
    try {
      result = attempt();
    } catch (RuntimeException e) { // a bug or an API surprise: counted, logged with its trace
      log.error("event=sync-failed stage=unexpected reason=\"{}\"", e, e);
      result = new SyncResult(SyncResult.Outcome.FAILED, null, List.of(), "unexpected: " + e);
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

  private SyncResult attempt() {
    String tip;
    try {
      tip = source.fetchTip();
    } catch (GitSourceException e) {
      return failed(null, "fetch", e.getMessage());
    }
    if (tip.equals(lastHandledCommit)) {
      return new SyncResult(SyncResult.Outcome.UP_TO_DATE, tip, List.of(), null);
    }
    Commit commit;
    List<HasMetadata> objects;
    try {
      commit = source.checkout(tip);
      objects = renderer.render(commit.tree().resolve(overlayPath));
      validator.validate(objects);
    } catch (GitSourceException e) {
      return failed(tip, "checkout", e.getMessage());
    } catch (RenderException e) {
      lastHandledCommit = tip; // the same commit renders the same way: wait for a new one
      return failed(tip, "render", e.getMessage());
    } catch (InvalidManifestsException e) {
      lastHandledCommit = tip;
      return failed(tip, "validate", e.getMessage());
    }
    try {
      return dryRun ? planOnly(commit, objects) : apply(commit, objects);
    } catch (KubernetesClientException e) {
      return failed(tip, "apply", describe(e));
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
    lastHandledCommit = commit.id();
    return new SyncResult(SyncResult.Outcome.DRY_RUN, commit.id(), changes, null);
  }

  private SyncResult apply(Commit commit, List<HasMetadata> objects) {
    List<Change> changes = applier.plan(objects);
    applier.validateOnServer(objects); // the API server checks every object before any is applied
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
    lastHandledCommit = commit.id();
    lastAppliedCommit = commit.id();
    metrics.appliedCommit(commit.id());
    return new SyncResult(SyncResult.Outcome.APPLIED, commit.id(), changes, null);
  }

  private SyncResult failed(String commit, String stage, String reason) {
    log.warn(
        "event=sync-failed commit={} stage={} keeps={} reason=\"{}\"",
        commit == null ? "-" : commit.substring(0, Math.min(12, commit.length())),
        stage,
        lastAppliedCommit == null ? "-" : lastAppliedCommit.substring(0, 12),
        reason.replace('"', '\''));
    return new SyncResult(SyncResult.Outcome.FAILED, commit, List.of(), stage + ": " + reason);
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
