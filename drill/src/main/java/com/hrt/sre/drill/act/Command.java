package com.hrt.sre.drill.act;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One external command (kubectl, scripts/local-process.sh) run to its end within a bound: its exit
 * code, stdout and stderr, read concurrently so a chatty command cannot block on a full pipe.
 */
record Command(List<String> argv, Map<String, String> env, Path directory, Duration timeout) {

  Command {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  /** What a finished command left. */
  record Result(int exit, String stdout, String stderr) {
    boolean ok() {
      return exit == 0;
    }
  }

  /** Runs it, feeding {@code stdin} (may be empty); a timeout or a failed start is an error. */
  Result run(String stdin) {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv));
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new ActionFailedException("cannot run " + argv.getFirst() + ": " + e.getMessage());
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command did not read its input: its exit code and stderr tell why.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new ActionFailedException(
            describe() + ": no answer within " + timeout.toSeconds() + " s (stopped)");
      }
      return new Result(process.exitValue(), out.get(), err.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ActionFailedException(describe() + ": interrupted");
    } catch (ExecutionException e) {
      throw new ActionFailedException(describe() + ": output unreadable: " + e.getCause());
    }
  }

  String describe() {
    return String.join(" ", argv);
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Thread::startVirtualThread);
  }
}
