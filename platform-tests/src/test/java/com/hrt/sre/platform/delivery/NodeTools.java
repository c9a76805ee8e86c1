package com.hrt.sre.platform.delivery;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the small Node.js scripts in tools/ (Terraform parsing, workflow linting) with the npm
 * packages of tools/package.json. Like {@link ExternalTool}: skipped locally when node or the
 * packages are missing, a failure in CI (.ci/run runs {@code npm ci --prefix tools}).
 */
final class NodeTools {

  private NodeTools() {}

  /** What a script printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code node tools/<script> args...} from the repository root. */
  static Result run(String script, String npmPackage, List<String> args) {
    Path node = ExternalTool.require("Node.js 20+ (apt-get install nodejs npm)", "node");
    Path root = RepoFiles.root();
    if (!Files.isDirectory(root.resolve("tools/node_modules").resolve(npmPackage))) {
      String message = "npm package " + npmPackage + " is not installed: run npm ci --prefix tools";
      if (ExternalTool.isCi()) {
        Assertions.fail("CI=true and " + message);
      }
      Assumptions.abort("skipped: " + message);
    }
    List<String> command = new ArrayList<>(List.of(node.toString(), "tools/" + script));
    command.addAll(args);
    try {
      Path err = Files.createTempFile("node-tool", ".err");
      Process process =
          new ProcessBuilder(command).directory(root.toFile()).redirectError(err.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
      }
      String stderr = Files.readString(err);
      Files.deleteIfExists(err);
      return new Result(process.exitValue(), out, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
