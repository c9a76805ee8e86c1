package com.hrt.sre.gitops.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository in a temporary directory, with an overlay the tests commit to. */
final class TestRepository {

  static final String OVERLAY = "deploy/overlay";

  private final Path root;

  private TestRepository(Path root) {
    this.root = root;
  }

  static TestRepository create(Path dir) {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      return new TestRepository(dir);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  Path root() {
    return root;
  }

  TestRepository write(String relative, String content) {
    try {
      Path file = root.resolve(OVERLAY).resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestRepository delete(String relative) {
    try {
      Files.delete(root.resolve(OVERLAY).resolve(relative));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits everything in the working tree; returns the commit id. */
  String commit(String message) {
    try (Git git = Git.open(root.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent author = new PersonIdent("Test", "test@example.invalid");
      return git.commit().setMessage(message).setAuthor(author).setCommitter(author).call().name();
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A kustomization listing {@code resources}, all put into namespace {@code portal}. */
  static String kustomization(String... resources) {
    StringBuilder yaml =
        new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
    yaml.append("namespace: portal\nresources:\n");
    for (String resource : resources) {
      yaml.append("  - ").append(resource).append('\n');
    }
    return yaml.toString();
  }

  static String configMap(String name, String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
        data:
          setting: "%s"
        """
        .formatted(name, value);
  }

  static String deployment(String name, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %1$s
          labels:
            app.kubernetes.io/name: %1$s
        spec:
          replicas: %2$d
          selector:
            matchLabels:
              app.kubernetes.io/name: %1$s
          template:
            metadata:
              labels:
                app.kubernetes.io/name: %1$s
              annotations:
                prometheus.io/scrape: "true"
            spec:
              containers:
                - name: %1$s
                  image: hrt-sre/%1$s:dev
        """
        .formatted(name, replicas);
  }
}
