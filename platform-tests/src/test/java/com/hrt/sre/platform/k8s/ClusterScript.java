package com.hrt.sre.platform.k8s;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.platform.kubeapi.KubeApiDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of scripts/ running against {@link KubeApiDouble} with the real kubectl: the kube context
 * {@code k3d-double} (CLUSTER=double) in a kubeconfig of its own, HOME (kubectl's cache) in the
 * test's directory. Output (stdout and stderr) goes to a file the test can watch.
 */
final class ClusterScript implements AutoCloseable {

  static final String CLUSTER = "double";

  private final Process process;
  private final Path output;

  private ClusterScript(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ClusterScript start(
      KubeApiDouble api, Path dir, Map<String, String> env, String script, String... args) {
    List<String> command =
        new ArrayList<>(List.of(RepoFiles.resolve("scripts/" + script).toString()));
    command.addAll(List.of(args));
    Path output = dir.resolve(script + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("KUBECONFIG", api.kubeconfig(dir, "k3d-" + CLUSTER).toString());
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("CLUSTER", CLUSTER);
    builder.environment().putAll(env);
    try {
      return new ClusterScript(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a script to its end (bounded) and returns its exit code and output. */
  static Commands.Result run(
      KubeApiDouble api, Path dir, Map<String, String> env, String script, String... args) {
    try (ClusterScript running = start(api, dir, env, script, args)) {
      return running.finish(Duration.ofSeconds(90));
    }
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Commands.Result finish(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError("did not finish in " + timeout + ":\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Commands.Result(process.exitValue(), output());
  }

  /** SIGTERM, as Ctrl-C's TERM would; then what is left of the tree is killed. */
  List<ProcessHandle> stop(Duration timeout) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    try {
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return tree;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
