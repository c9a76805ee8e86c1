package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * What the jobs of .github/workflows/ci.yml run, as far as it can be seen without a runner: the
 * whole of {@code make test}, one kubeconform per render, a Trivy gate with one SARIF category per
 * run, only the cluster ITs in cluster-tests, checksummed tools of the versions k8s/ deploys, and
 * an e2e job whose waits end before its time limit does.
 */
class WorkflowJobsTest {

  private static final Pattern MAKE_CALL =
      Pattern.compile("\\bmake\\s+((?:[A-Za-z0-9_.-]+=\\S+\\s+)*)([a-z][A-Za-z0-9_.-]*)");
  private static final Pattern DEADLINE =
      Pattern.compile("deadline=\\$\\(\\(SECONDS \\+ (\\d+)\\)\\)");
  private static final Pattern IMAGE_TAG = Pattern.compile("image: \\S+/%s:v(\\S+)");
  private static final Pattern MINOR = Pattern.compile("v?(\\d+\\.\\d+)\\.\\d+.*");

  private final Workflow workflow = Workflow.ci();

  // --- make test, split over jobs ---

  @Test
  void theJobsTogetherRunEveryPartOfMakeTest() {
    Set<String> called = new TreeSet<>();
    for (var job : workflow.jobs().values()) {
      Matcher make = MAKE_CALL.matcher(job.script());
      while (make.find()) {
        called.add(make.group(2));
      }
    }
    String docs = read("docs/ci.md");

    assertThat(makeTestParts()).contains("lint", "java-test").hasSizeGreaterThan(2);
    for (String part : makeTestParts()) {
      assertThat(called).as("a job runs `make %s` (part of make test)", part).contains(part);
      assertThat(docs).as("docs/ci.md names `make %s`", part).contains("make " + part);
    }
  }

  // --- JDK ---

  @Test
  void everyJobThatSetsUpJavaGetsTemurinOfTheReleaseThePomBuildsFor() {
    Matcher release =
        Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
            .matcher(read("pom.xml"));
    assertThat(release.find()).as("pom.xml sets maven.compiler.release").isTrue();
    List<Workflow.Step> setups = new ArrayList<>();
    for (var job : workflow.jobs().values()) {
      job.steps().stream()
          .filter(step -> step.uses().startsWith("actions/setup-java@"))
          .forEach(setups::add);
    }

    assertThat(setups).isNotEmpty();
    for (var setup : setups) {
      assertThat(setup.with())
          .as("%s: Temurin %s (Enforcer refuses an older JDK)", setup.name(), release.group(1))
          .containsEntry("distribution", "temurin")
          .containsEntry("java-version", release.group(1));
    }
  }

  // --- manifests ---

  @Test
  void kubeconformReadsOneRenderAtATimeWithCachedSchemas() {
    var manifests = workflow.job("manifests");
    String validation =
        manifests.steps().stream()
            .map(Workflow.Step::run)
            .filter(run -> run.contains("kubectl kustomize"))
            .collect(Collectors.joining("\n"));
    List<String> calls = commandsOf(validation, "kubeconform ");
    String cacheDir =
        manifests.steps().stream()
            .filter(step -> step.uses().startsWith("actions/cache@"))
            .map(step -> String.valueOf(step.with().get("path")))
            .findFirst()
            .orElse("(no actions/cache step)");

    assertThat(calls).isNotEmpty();
    for (String call : calls) {
      assertThat(call).as("kubeconform caches its schemas").contains(" -cache ");
      assertThat(call)
          .as("kubeconform reads one rendered file, not a stream several renders may share")
          .doesNotEndWith(" -");
    }
    assertThat(validation).doesNotContainPattern("\\|\\s*kubeconform");
    assertThat(cacheDir).isEqualTo("~/.cache/kubeconform");
    assertThat(validation).contains("cache=\"$HOME/.cache/kubeconform\"");
  }

  // --- security ---

  @Test
  void everySarifUploadIsOneFileUnderACategoryOfItsOwn() {
    List<String> categories = new ArrayList<>();
    for (var job : workflow.jobs().values()) {
      boolean matrix = job.get("strategy") != null;
      for (var step : job.steps()) {
        if (!step.uses().startsWith("github/codeql-action/upload-sarif@")) {
          continue;
        }
        String category = String.valueOf(step.with().get("category"));
        assertThat(String.valueOf(step.with().get("sarif_file")))
            .as("%s: one SARIF file per upload", job.name())
            .endsWith(".sarif");
        if (matrix) {
          assertThat(category).as("%s runs once per matrix entry", job.name()).contains("matrix.");
        }
        categories.add(category);
      }
    }

    assertThat(categories).isNotEmpty().doesNotHaveDuplicates();
  }

  @Test
  void trivyGatesOnFixableVulnerabilitiesAsDocsCiSays() {
    List<Workflow.Step> scans = new ArrayList<>();
    workflow
        .jobs()
        .values()
        .forEach(
            job ->
                job.steps().stream()
                    .filter(step -> step.uses().startsWith("aquasecurity/trivy-action@"))
                    .forEach(scans::add));

    assertThat(Workflow.text()).doesNotContain("aquasec/trivy:");
    assertThat(scans).extracting(step -> step.with().get("scan-type")).contains("fs", "image");
    for (var scan : scans) {
      Map<String, Object> with = scan.with();
      assertThat(with).as(scan.name()).containsKey("exit-code");
      if (!"config".equals(with.get("scan-type"))) {
        assertThat(with)
            .as("%s gates on fixable HIGH/CRITICAL findings", scan.name())
            .containsEntry("exit-code", "1")
            .containsEntry("ignore-unfixed", true)
            .containsEntry("severity", "HIGH,CRITICAL")
            .containsEntry("trivyignores", ".trivyignore");
      }
      if ("sarif".equals(with.get("format"))) {
        // Without it the action puts every severity into the SARIF and the exit code.
        assertThat(with).as(scan.name()).containsEntry("limit-severities-for-sarif", true);
      }
    }
    assertThat(read("docs/ci.md")).contains("Trivy gates");
  }

  @Test
  void everyTrivyignoreEntryHasAnExpiryDateAndAReason() {
    Pattern entry = Pattern.compile("\\S+ exp:\\d{4}-\\d{2}-\\d{2}\\s+#\\s*\\S.*");
    List<String> bad =
        read(".trivyignore")
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .filter(line -> !entry.matcher(line).matches())
            .toList();

    assertThat(bad).as("entries without `exp:YYYY-MM-DD  # reason`").isEmpty();
  }

  @Test
  void eachImageOfTheBuildIsScannedByTheImageJob() {
    Object modules =
        Rendered.map(workflow.job("image-scan").spec(), "strategy", "matrix").get("module");

    assertThat(modules)
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrderElementsOf(modulesWithAnImage());
  }

  // --- cluster-tests ---

  @Test
  void clusterTestsInstallTheirToolsThenRunOnlyTheClusterIts() {
    List<Workflow.Step> steps = workflow.job("cluster-tests").steps();
    int install = indexOf(steps, "sha256sum -c");
    int maven = indexOf(steps, "./mvnw");
    String command = maven < 0 ? "" : steps.get(maven).run();

    assertThat(install).as("a step installs kubectl (checksummed)").isNotNegative();
    assertThat(steps.get(install).run()).contains("/kubectl");
    assertThat(maven).as("the Maven step comes after the install").isGreaterThan(install);
    assertThat(command)
        .contains("-Pcluster-tests", " -am ", " verify", "-Dtest=NONE")
        .contains("-Dsurefire.failIfNoSpecifiedTests=false")
        .contains("-pl " + String.join(",", modulesWithClusterIts()) + " ");
  }

  // --- tools: checksummed, of the deployed versions ---

  @Test
  void everyDownloadIsCheckedAgainstAPinnedSha256() {
    for (var job : workflow.jobs().values()) {
      for (var step : job.steps()) {
        if (step.run().matches("(?s).*\\bcurl [^\\n]* -o .*")) {
          assertThat(step.run()).as("%s / %s", job.name(), step.name()).contains("sha256sum -c");
        }
      }
    }
    workflow.env().entrySet().stream()
        .filter(entry -> entry.getKey().endsWith("_SHA256"))
        .forEach(entry -> assertThat(entry.getValue()).as(entry.getKey()).matches("[0-9a-f]{64}"));
    assertThat(Workflow.text()).doesNotContain("go install").doesNotContain("actions/setup-go");
  }

  @Test
  void promtoolAndAmtoolAreTheReleasesK8sDeploys() {
    var rules = workflow.job("rules");
    Map<String, String> env = workflow.env();

    assertThat(env.get("PROMETHEUS_VERSION")).isEqualTo(deployedTag("prometheus"));
    assertThat(env.get("ALERTMANAGER_VERSION")).isEqualTo(deployedTag("alertmanager"));
    assertThat(rules.script())
        .contains("prometheus/releases/download/v${PROMETHEUS_VERSION}/")
        .contains("alertmanager/releases/download/v${ALERTMANAGER_VERSION}/")
        .doesNotContain("apt-get");
  }

  @Test
  void k3dIsTheReleaseBinaryAndTheClusterRunsThePinnedKubernetes() {
    var e2e = workflow.job("e2e");
    Map<String, String> env = workflow.env();
    var bootstrap =
        e2e.steps().stream().filter(step -> step.run().contains("make bootstrap")).findFirst();

    assertThat(e2e.script())
        .contains("k3d-io/k3d/releases/download/${K3D_VERSION}/k3d-linux-amd64")
        .contains("echo \"${K3D_SHA256}  k3d\" | sha256sum -c -")
        .contains(".serverVersion.gitVersion");
    assertThat(bootstrap).isPresent();
    Matcher pin =
        Pattern.compile("K3S_IMAGE=\"\\$\\{K3S_IMAGE:-([^}]+)}\"")
            .matcher(readPath(RepoFiles.resolve("scripts/cluster-lib.sh")));
    assertThat(pin.find()).as("scripts/cluster-lib.sh pins K3S_IMAGE").isTrue();
    assertThat(env.get("K3S_IMAGE"))
        .as("the e2e job runs the k3s that bootstrap pins (bootstrap reads K3S_IMAGE)")
        .isEqualTo(pin.group(1));
    assertThat(minor(env.get("K3S_IMAGE").substring("rancher/k3s:".length())))
        .as("k3s, kubectl and kubeconform's schemas are one Kubernetes minor")
        .isEqualTo(minor(env.get("KUBECTL_VERSION")))
        .isEqualTo(minor(env.get("KUBERNETES_SCHEMA_VERSION")));
  }

  // --- e2e ---

  @Test
  void e2eRunsEveryDrillInClusterModeThenKeepsTheReportCard() {
    var steps = workflow.job("e2e").steps();
    int drill = indexOf(steps, "make drill MODE=cluster");

    assertThat(steps.get(drill).run().strip())
        .as("every scenario: no SCENARIO narrows it")
        .isEqualTo("make drill MODE=cluster");
    assertThat(indexOf(steps, "make port-forward"))
        .as("the drill reads through the port-forward")
        .isLessThan(drill);
    var upload =
        steps.stream()
            .filter(step -> step.uses().startsWith("actions/upload-artifact@"))
            .filter(step -> String.valueOf(step.with().get("path")).contains(".local/drills/"))
            .findFirst();
    assertThat(upload).as("the report card is uploaded").isPresent();
    assertThat(upload.get().uses()).matches("actions/upload-artifact@[0-9a-f]{40}");
    assertThat(upload.get().condition()).as("also when a drill failed").isEqualTo("always()");
    assertThat(workflow.job("e2e").script())
        .as("the drill replaces the ad-hoc break and heal steps")
        .doesNotContain("make break");
  }

  @Test
  void e2eReachesGrafanaAndMockSlackThroughMakePortForward() {
    String script = workflow.job("e2e").script();

    assertThat(script)
        .containsPattern("make port-forward [^\\n]*&\\n")
        .contains("http://127.0.0.1:3000/api/health")
        .contains("http://127.0.0.1:8081/api/channels");
    assertThat(Workflow.text()).doesNotContain("kubectl -n hrt-sre port-forward");
  }

  @Test
  void responsesAreReadWithJqAndEveryCurlHasATimeLimit() {
    for (var job : workflow.jobs().values()) {
      for (String curl : commandsOf(job.script(), "curl ")) {
        assertThat(curl).as("%s: %s", job.name(), curl).contains("--max-time");
      }
      assertThat(job.script())
          .as("%s: grep -q stops reading early; under pipefail curl then fails", job.name())
          .doesNotContainPattern("curl [^\\n]*\\|\\s*grep");
    }
  }

  @Test
  void e2eWaitsEndBeforeTheirStepsTimeLimitsAndTheStepsFitTheJob() {
    var e2e = workflow.job("e2e");
    int total = 0;
    for (var step : e2e.steps()) {
      assertThat(step.timeoutMinutes())
          .as("e2e / %s has timeout-minutes", step.name())
          .isPositive();
      total += step.timeoutMinutes();
      Matcher deadline = DEADLINE.matcher(step.run());
      while (deadline.find()) {
        assertThat(Integer.parseInt(deadline.group(1)))
            .as(
                "e2e / %s: its deadline leaves a minute of its %d-minute limit for the last try",
                step.name(), step.timeoutMinutes())
            .isLessThanOrEqualTo(step.timeoutMinutes() * 60 - 60);
      }
    }

    assertThat(total)
        .as("the e2e steps' limits add up within the job's")
        .isLessThanOrEqualTo((Integer) e2e.get("timeout-minutes"));
    assertThat(Workflow.text()).as("loops count time, not tries").doesNotContain("$(seq");
    assertThat(e2e.script()).contains("until ").contains("((SECONDS < deadline))");
  }

  @Test
  void e2eDumpsTheClusterStateOnFailureAndOnCancellation() {
    var dump =
        workflow.job("e2e").steps().stream()
            .filter(step -> step.run().contains("make status"))
            .findFirst();

    assertThat(dump).isPresent();
    assertThat(dump.get().condition()).isEqualTo("failure() || cancelled()");
    assertThat(dump.get().run()).contains("make logs").contains("get events");
  }

  // --- helpers ---

  /** The prerequisites of `test` in the Makefile, with $(TEST_TARGETS) from mk/*.mk expanded. */
  private static Set<String> makeTestParts() {
    Set<String> parts = new LinkedHashSet<>();
    Matcher test = Pattern.compile("(?m)^test:([^#\\n]*)").matcher(read("Makefile"));
    assertThat(test.find()).as("Makefile has a test target").isTrue();
    for (String part : test.group(1).strip().split("\\s+")) {
      if (part.equals("$(TEST_TARGETS)")) {
        parts.addAll(testTargets());
      } else if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static List<String> testTargets() {
    try (Stream<Path> files = Files.list(RepoFiles.resolve("mk"))) {
      return files
          .filter(file -> file.toString().endsWith(".mk"))
          .sorted()
          .flatMap(file -> readPath(file).lines())
          .filter(line -> line.startsWith("TEST_TARGETS +="))
          .flatMap(
              line -> Stream.of(line.substring("TEST_TARGETS +=".length()).strip().split("\\s+")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Modules whose pom has the Jib plugin and does not skip it: the images `make build-images`
   * builds.
   */
  private static Set<String> modulesWithAnImage() {
    return modules().stream()
        .filter(
            module -> {
              String pom = readPath(RepoFiles.resolve(module).resolve("pom.xml"));
              return pom.contains("<artifactId>jib-maven-plugin</artifactId>")
                  && !pom.contains("<jib.skip>true</jib.skip>");
            })
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Modules (in reactor order) with a test class named *IT: what the cluster-tests profile runs.
   */
  private static List<String> modulesWithClusterIts() {
    return modules().stream()
        .filter(
            module -> {
              try (Stream<Path> files = Files.walk(RepoFiles.resolve(module).resolve("src/test"))) {
                return files.anyMatch(file -> file.getFileName().toString().endsWith("IT.java"));
              } catch (IOException e) {
                return false;
              }
            })
        .toList();
  }

  private static List<String> modules() {
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
    List<String> modules = new ArrayList<>();
    while (module.find()) {
      modules.add(module.group(1));
    }
    return modules;
  }

  /** The version tag of quay.io/prometheus/NAME in k8s/base/NAME.yaml, without its `v`. */
  private static String deployedTag(String name) {
    Matcher tag =
        Pattern.compile(String.format(IMAGE_TAG.pattern(), name))
            .matcher(read("k8s/base/" + name + ".yaml"));
    assertThat(tag.find()).as("k8s/base/%s.yaml names its image", name).isTrue();
    return tag.group(1);
  }

  private static String minor(String version) {
    Matcher matcher = MINOR.matcher(version);
    assertThat(matcher.matches()).as("a version: %s", version).isTrue();
    return matcher.group(1);
  }

  /** Each invocation of a command in a script, from its name to the end of its line. */
  private static List<String> commandsOf(String script, String command) {
    List<String> calls = new ArrayList<>();
    Matcher call =
        Pattern.compile("(?<![\\w-])" + Pattern.quote(command) + "[^\\n|]*").matcher(script);
    while (call.find()) {
      calls.add(call.group().strip());
    }
    return calls;
  }

  private static int indexOf(List<Workflow.Step> steps, String text) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).run().contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static String read(String relative) {
    return Workflow.read(relative);
  }

  private static String readPath(Path path) {
    return Workflow.read(path);
  }
}
