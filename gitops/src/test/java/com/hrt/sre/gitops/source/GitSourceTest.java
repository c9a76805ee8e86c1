package com.hrt.sre.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.hrt.sre.gitops.config.TestProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

  @TempDir Path temp;

  @Test
  void theTipOfTheBranchIsFetchedAndCheckedOutInTheWatchersOwnClone() throws Exception {
    Path repo = repositoryWith(temp.resolve("a"), "one.txt", "1");
    GitSource source = new GitSource(properties(repo.toString()).build());

    String tip = source.fetchTip();
    Commit commit = source.checkout(tip);

    assertThat(commit.tree()).isNotEqualTo(repo);
    assertThat(commit.tree().resolve("one.txt")).hasContent("1");
  }

  @Test
  void aChangedRepositorySettingStartsAFreshClone() throws Exception {
    Path first = repositoryWith(temp.resolve("a"), "one.txt", "1");
    Path second = repositoryWith(temp.resolve("b"), "two.txt", "2");
    new GitSource(properties(first.toString()).build())
        .checkout(new GitSource(properties(first.toString()).build()).fetchTip());

    GitSource moved = new GitSource(properties(second.toString()).build());
    Commit commit = moved.checkout(moved.fetchTip());

    assertThat(commit.tree().resolve("two.txt")).hasContent("2");
    assertThat(commit.tree().resolve("one.txt")).doesNotExist();
  }

  @Test
  void aMissingBranchIsAGitSourceError() throws Exception {
    Path repo = repositoryWith(temp.resolve("a"), "one.txt", "1");
    GitSource source = new GitSource(properties(repo.toString()).branch("no-such-branch").build());

    assertThatThrownBy(source::fetchTip)
        .isInstanceOf(GitSourceException.class)
        .hasMessageContaining("no-such-branch");
  }

  @Test
  void aRemoteThatAcceptsButNeverAnswersFailsTheFetchAfterTheGitTimeout() throws Exception {
    try (SilentRemote remote = new SilentRemote()) {
      GitSource source =
          new GitSource(
              properties(remote.url())
                  .gitTimeout(Duration.ofSeconds(1))
                  .fetchTimeout(Duration.ofMinutes(10))
                  .build());

      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(source::fetchTip)
                  .isInstanceOf(GitSourceException.class)
                  .hasMessageContaining(remote.url()));
      assertThat(remote.connections()).as("it did reach the remote").isPositive();
    }
  }

  @Test
  void theWholeFetchIsBoundedEvenWhenJGitsOwnTimeoutIsLonger() throws Exception {
    try (SilentRemote remote = new SilentRemote()) {
      GitSource source =
          new GitSource(
              properties(remote.url())
                  .gitTimeout(Duration.ofMinutes(10))
                  .fetchTimeout(Duration.ofSeconds(1))
                  .build());

      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            assertThatThrownBy(source::fetchTip)
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("took longer than PT1S");
            // The first fetch still sits in its socket read: the next poll fails at once.
            assertThatThrownBy(source::fetchTip)
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("still stuck");
          });
      source.close();
    }
  }

  private TestProperties properties(String repository) {
    return TestProperties.defaults().repository(repository).workDir(temp.resolve("work"));
  }

  private static Path repositoryWith(Path dir, String file, String content) throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve(file), content);
      git.add().addFilepattern(".").call();
      PersonIdent author = new PersonIdent("Test", "test@example.invalid");
      git.commit().setMessage("add " + file).setAuthor(author).setCommitter(author).call();
    }
    return dir;
  }
}
