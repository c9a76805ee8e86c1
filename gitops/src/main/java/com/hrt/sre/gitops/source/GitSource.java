package com.hrt.sre.gitops.source;

import com.hrt.sre.gitops.config.GitopsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The watched branch, followed through a clone of the watcher's own (so a local repository's
 * working tree, with its uncommitted edits, is never what gets applied: only commits are).
 */
@Component
public class GitSource {

  private final String repository;
  private final String branch;
  private final Path clone;

  public GitSource(GitopsProperties properties) {
    this.repository = properties.repository();
    this.branch = properties.branch();
    this.clone = properties.workDir().resolve("repository");
  }

  /** Fetches the branch and returns the id of its tip, without changing the working tree. */
  public synchronized String fetchTip() {
    try (Git git = openOrClone()) {
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + remoteRef()))
          .setRemoveDeletedRefs(true)
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
        .call();
  }
}
