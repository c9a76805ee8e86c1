package com.hrt.sre.gitops.source;

import com.hrt.sre.gitops.config.GitopsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The watched branch, followed through a clone of the watcher's own (so a local repository's
 * working tree, with its uncommitted edits, is never what gets applied: only commits are).
 *
 * <p>A remote that stops answering must not stop the watcher: every clone and fetch carries JGit's
 * network timeout ({@code gitTimeout}: no byte for that long ends the operation), and the whole
 * clone-and-fetch runs on a thread of its own, bounded by {@code fetchTimeout}, so a remote that
 * trickles bytes forever cannot hold the sync either. A fetch that outlived its bound and is still
 * stuck makes the next ones fail at once instead of piling up behind it.
 */
@Component
public class GitSource implements AutoCloseable {

  private final String repository;
  private final String branch;
  private final Path clone;
  private final int networkTimeoutSeconds;
  private final Duration fetchTimeout;
  private final ExecutorService fetcher =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "gitops-fetch");
            thread.setDaemon(true); // a fetch stuck in a socket read must not keep the JVM alive
            return thread;
          });
  private final AtomicBoolean fetching = new AtomicBoolean(); // a fetch thread is in JGit

  public GitSource(GitopsProperties properties) {
    this.repository = properties.repository();
    this.branch = properties.branch();
    this.clone = properties.workDir().resolve("repository");
    // JGit counts its timeout in whole seconds; 0 would mean "none".
    this.networkTimeoutSeconds = (int) Math.max(1, properties.gitTimeout().toSeconds());
    this.fetchTimeout = properties.fetchTimeout();
  }

  /**
   * Fetches the branch and returns the id of its tip, without changing the working tree. Fails (a
   * {@link GitSourceException}) when the clone and fetch take longer than {@code fetchTimeout}.
   */
  public synchronized String fetchTip() {
    if (fetching.get()) {
      throw new GitSourceException(
          "an earlier fetch from " + repository + " is still stuck past " + fetchTimeout, null);
    }
    Future<String> fetch = fetcher.submit(this::fetchTipNow);
    try {
      return fetch.get(fetchTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fetch.cancel(true); // JGit stops at its next interrupt check or its network timeout
      throw new GitSourceException(
          "fetching branch " + branch + " from " + repository + " took longer than " + fetchTimeout,
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GitSourceException cause) {
        throw cause;
      }
      throw new GitSourceException(
          "cannot fetch branch " + branch + " from " + repository + ": " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fetch.cancel(true);
      throw new GitSourceException("interrupted while fetching from " + repository, e);
    }
  }

  private String fetchTipNow() {
    fetching.set(true); // here, not before submit: a fetch cancelled before it ran never blocks
    try (Git git = openOrClone()) {
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + remoteRef()))
          .setRemoveDeletedRefs(true)
          .setTimeout(networkTimeoutSeconds)
          .call();
      ObjectId tip = git.getRepository().resolve(remoteRef());
      if (tip == null) {
        throw new GitSourceException(
            "branch " + branch + " not found in " + repository, new IllegalStateException());
      }
      return tip.name();
    } catch (GitAPIException | IOException e) {
      throw new GitSourceException(
          "cannot fetch branch " + branch + " from " + repository + ": " + e.getMessage(), e);
    } finally {
      fetching.set(false);
    }
  }

  /** Checks out {@code commitId} (detached, forced, untracked files removed). */
  public synchronized Commit checkout(String commitId) {
    try (Git git = openOrClone()) {
      git.checkout().setForced(true).setName(commitId).call();
      git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
      return new Commit(commitId, clone);
    } catch (GitAPIException | IOException e) {
      throw new GitSourceException("cannot check out " + commitId + ": " + e.getMessage(), e);
    }
  }

  /** Stops the fetch thread (a stuck fetch is abandoned; its thread is a daemon). */
  @Override
  public void close() {
    fetcher.shutdownNow();
  }

  private String remoteRef() {
    return "refs/remotes/origin/" + branch;
  }

  private Git openOrClone() throws IOException, GitAPIException {
    if (Files.isDirectory(clone.resolve(".git"))) {
      Git git = Git.open(clone.toFile());
      if (repository.equals(git.getRepository().getConfig().getString("remote", "origin", "url"))) {
        return git;
      }
      // GITOPS_REPOSITORY changed since the last run: start over rather than mix histories.
      git.close();
      FileSystemUtils.deleteRecursively(clone);
    }
    Files.createDirectories(clone.getParent());
    return Git.cloneRepository()
        .setURI(repository)
        .setDirectory(clone.toFile())
        .setBranch(branch)
        .setNoCheckout(true)
        .setTimeout(networkTimeoutSeconds)
        .call();
  }
}
