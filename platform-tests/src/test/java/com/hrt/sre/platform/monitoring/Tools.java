package com.hrt.sre.platform.monitoring;

import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Prometheus tools the monitoring tests run: skipped locally without them, failing in CI. */
final class Tools {

  static final String INSTALL_HINT =
      "sudo apt-get install prometheus prometheus-alertmanager (Debian/Ubuntu)";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  record Result(List<String> command, int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " -> exit " + exitCode + "\n" + output;
    }
  }

  private Tools() {}

  static Path promtool() {
    return ExternalTool.require(INSTALL_HINT, "promtool");
  }

  static Path amtool() {
    return ExternalTool.require(INSTALL_HINT, "amtool");
  }

  static Path alertmanager() {
    return ExternalTool.require(INSTALL_HINT, "prometheus-alertmanager", "alertmanager");
  }

  /** Runs {@code tool args...} in {@code directory} to completion (bounded), output captured. */
  static Result run(Path directory, Path tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("monitoring-tool", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("did not finish in " + TIMEOUT + ": " + command);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(command, process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
