package com.hrt.sre.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a command-line tool a test needs (promtool, alertmanager, chromium, docker, ...).
 *
 * <p>The project's rule (DESIGN.md): a test whose tool is absent SKIPS on a developer machine and
 * FAILS when {@code CI=true}, because .ci/run installs every tool and a silent skip in CI would
 * hide a broken install step.
 */
public final class ExternalTool {

  private ExternalTool() {}

  /**
   * Returns the path of the first of {@code names} found on PATH (or given as an absolute path), or
   * skips / fails the calling test with the install hint.
   */
  public static Path require(String installHint, String... names) {
    return find(names)
        .orElseGet(
            () -> {
              String message =
                  "none of " + String.join(", ", names) + " found on PATH; install: " + installHint;
              if (isCi()) {
                return Assertions.fail("CI=true and " + message);
              }
              Assumptions.abort("skipped: " + message);
              throw new IllegalStateException("unreachable");
            });
  }

  /** The first of {@code names} that exists as an executable, on PATH or as an absolute path. */
  public static Optional<Path> find(String... names) {
    String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String name : names) {
      Path direct = Path.of(name);
      if (direct.isAbsolute() && Files.isExecutable(direct)) {
        return Optional.of(direct);
      }
      Optional<Path> onPath =
          Stream.of(pathVariable.split(java.io.File.pathSeparator))
              .filter(dir -> !dir.isBlank())
              .map(dir -> Path.of(dir, name))
              .filter(Files::isExecutable)
              .findFirst();
      if (onPath.isPresent()) {
        return onPath;
      }
    }
    return Optional.empty();
  }

  /** True when running in CI ({@code CI=true}), where a missing tool is a failure. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
