package com.hrt.sre.platform.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a runbook's shell block as a user would paste it, but with an empty PATH: every external
 * command (kubectl, curl, amtool, make, ...) lands in bash's command_not_found_handle, which
 * records its arguments and succeeds. What remains is the shell itself: word splitting, quoting,
 * redirections and the runbooks' `q` helper, which takes exactly one query. A block that passes a
 * second query as an argument, or reads from a {@code <placeholder>} it takes for a redirection,
 * fails here.
 */
final class StubbedShell {

  /**
   * The outcome of one block: exit code, stderr, the external commands it ran (each as its
   * arguments, the command name first) and the queries it made.
   */
  record Run(int exitCode, String stderr, List<List<String>> commands, List<String> queries) {}

  private static final String PRELUDE =
      """
      PROM=http://127.0.0.1:9
      AM=http://127.0.0.1:9
      USER=runbook-test
      command_not_found_handle() { local IFS=$'\\x1f'; printf '%s\\n' "$*" >>"$STUB_COMMANDS"; return 0; }
      q() {
        if [ "$#" -ne 1 ]; then echo "q takes one query, got $#: $*" >&2; return 2; fi
        printf '%s\\0' "$1" >>"$STUB_QUERIES"
      }
      source() { printf 'source %s\\n' "$*" >>"$STUB_COMMANDS"; }
      kill() { printf 'kill %s\\n' "$*" >>"$STUB_COMMANDS"; }
      """;

  private StubbedShell() {}

  /** {@code bash -n}: the block parses. Returns bash's complaint, empty when it parses. */
  static String syntaxErrors(String block) {
    Path dir = tempDir();
    Path script = write(dir.resolve("block.sh"), block);
    Result result = bash(dir, List.of("-n", script.toString()), List.of());
    return result.exitCode == 0 ? "" : result.stderr;
  }

  static Run run(String block) {
    Path dir = tempDir();
    Path path = dir.resolve("empty-path");
    Path work = dir.resolve("work");
    try {
      Files.createDirectories(path);
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path commands = write(dir.resolve("commands"), "");
    Path queries = write(dir.resolve("queries"), "");
    Path script = write(dir.resolve("block.sh"), PRELUDE + block + "\n");
    Result result =
        bash(
            work,
            List.of(script.toString()),
            List.of(
                "PATH=" + path,
                "HOME=" + work,
                "STUB_COMMANDS=" + commands,
                "STUB_QUERIES=" + queries));
    String recordedQueries = read(queries);
    List<String> queryList =
        recordedQueries.isEmpty() ? List.of() : List.of(recordedQueries.split("\0"));
    List<List<String>> commandList =
        read(commands).lines().map(line -> List.of(line.split("\u001f", -1))).toList();
    return new Run(result.exitCode, result.stderr, commandList, queryList);
  }

  private record Result(int exitCode, String stderr) {}

  private static Result bash(Path workDir, List<String> args, List<String> env) {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/env");
    command.add("-i");
    command.addAll(env);
    command.add(bashPath());
    command.add("--noprofile");
    command.add("--norc");
    command.addAll(args);
    try {
      Path err = Files.createTempFile("runbook-shell", ".err");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("bash did not finish in 30 s: " + command);
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      Files.deleteIfExists(err);
      return new Result(process.exitValue(), stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String bashPath() {
    for (String candidate : List.of("/bin/bash", "/usr/bin/bash")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no bash at /bin/bash or /usr/bin/bash");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("runbook-shell");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
