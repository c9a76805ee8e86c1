package com.hrt.sre.platform.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a bound, output captured (stdout and stderr together). */
final class Commands {

  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Commands() {}

  static Result run(List<String> command, Path directory, Duration timeout) {
    try {
      Path log = Files.createTempFile("command", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // Children that run Java (./mvnw for Jib, jlink for the base image) get this test's own
      // JDK, 25 or newer, not whatever the machine's default `java` is (17 on Debian 12).
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            "did not finish in " + timeout + ": " + command + "\n" + Files.readString(log));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Like {@link #run}, failing with the command's output when it does not exit 0. */
  static String require(List<String> command, Path directory, Duration timeout) {
    Result result = run(command, directory, timeout);
    if (!result.ok()) {
      throw new AssertionError(
          "exit " + result.exitCode() + ": " + command + "\n" + result.output());
    }
    return result.output();
  }
}
