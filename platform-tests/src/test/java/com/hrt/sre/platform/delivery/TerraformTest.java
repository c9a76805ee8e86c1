package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * terraform/ without a terraform binary: every file parses (HashiCorp's HCL parser, npm
 * {@code @cdktf/hcl2json}), variables are typed and described, module calls match the modules, and
 * every name Terraform shares with k8s/ agrees with the rendered manifests. Failures name the file
 * and line.
 */
class TerraformTest {

  /** Arguments of a module block that are not the module's variables. */
  private static final Set<String> MODULE_META_ARGUMENTS =
      Set.of("source", "version", "count", "for_each", "providers", "depends_on");

  private static Map<String, Map<String, Object>> files;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parseEveryFile() {
    List<String> paths = terraformFiles();
    NodeTools.Result result = NodeTools.run("hcl2json.mjs", "@cdktf/hcl2json", paths);
    assertThat(result.exitCode()).as("hcl2json.mjs failed: %s", result.stderr()).isZero();
    files = new LinkedHashMap<>();
    JsonMapper.builder()
        .build()
        .readValue(result.stdout(), Map.class)
        .forEach((file, parsed) -> files.put((String) file, (Map<String, Object>) parsed));
  }

  @Test
  void everyTerraformFileParses() {
    List<String> errors =
        files.values().stream()
            .filter(parsed -> parsed.containsKey("error"))
            .map(parsed -> String.valueOf(parsed.get("error")))
            .toList();

    assertThat(files).as("terraform/ holds .tf files").isNotEmpty();
    assertThat(errors).as("HCL syntax errors (file:line)").isEmpty();
  }

  @Test
  void everyVariableHasATypeAndADescription() {
    List<String> problems = new ArrayList<>();
    blocks("variable")
        .forEach(
            block -> {
              if (!block.body().containsKey("type")) {
                problems.add(block.where() + ": variable \"" + block.name() + "\" has no type");
              }
              if (String.valueOf(block.body().getOrDefault("description", "")).isBlank()) {
                problems.add(
                    block.where() + ": variable \"" + block.name() + "\" has no description");
              }
            });

    assertThat(blocks("variable")).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void everyModuleCallPassesOnlyDeclaredVariablesAndAllRequiredOnes() {
    List<String> problems = new ArrayList<>();
    List<Block> calls = blocks("module");
    for (Block call : calls) {
      String source = String.valueOf(call.body().get("source"));
      Path moduleDir = Path.of(call.file()).getParent().resolve(source).normalize();
      Map<String, Boolean> declared = new HashMap<>(); // name -> has a default
      blocks("variable").stream()
          .filter(variable -> Path.of(variable.file()).getParent().equals(moduleDir))
          .forEach(
              variable -> declared.put(variable.name(), variable.body().containsKey("default")));
      if (declared.isEmpty()) {
        problems.add(
            call.where()
                + ": module \""
                + call.name()
                + "\" source "
                + source
                + " declares no variables (missing?)");
        continue;
      }
      Set<String> passed = new TreeSet<>(call.body().keySet());
      passed.removeAll(MODULE_META_ARGUMENTS);
      for (String argument : passed) {
        if (!declared.containsKey(argument)) {
          problems.add(
              call.where()
                  + ": module \""
                  + call.name()
                  + "\" passes "
                  + argument
                  + ", which "
                  + moduleDir
                  + " does not declare");
        }
      }
      declared.forEach(
          (variable, hasDefault) -> {
            if (!hasDefault && !passed.contains(variable)) {
              problems.add(
                  call.where()
                      + ": module \""
                      + call.name()
                      + "\" does not pass the required variable "
                      + variable);
            }
          });
    }

    assertThat(calls).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void terraformAndBothProvidersArePinned() {
    Map<String, Object> terraform =
        (Map<String, Object>)
            ((List<Object>) file("terraform/versions.tf").get("terraform")).get(0);
    Map<String, Object> providers =
        (Map<String, Object>) ((List<Object>) terraform.get("required_providers")).get(0);

    assertThat(String.valueOf(terraform.get("required_version"))).contains(">=").contains("<");
    for (String provider : List.of("kubernetes", "random")) {
      Map<String, Object> spec = (Map<String, Object>) providers.get(provider);
      assertThat(spec).as("provider %s in terraform/versions.tf", provider).isNotNull();
      assertThat(String.valueOf(spec.get("source"))).isEqualTo("hashicorp/" + provider);
      assertThat(String.valueOf(spec.get("version")))
          .as("%s version", provider)
          .matches("~> \\d+\\.\\d+\\.\\d+");
    }
  }

  @Test
  void theClusterNameDefaultsToTheDesignsCluster() {
    Block clusterName =
        blocks("variable").stream()
            .filter(
                block ->
                    block.file().equals("terraform/variables.tf")
                        && block.name().equals("cluster_name"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("terraform/variables.tf declares no cluster_name"));

    assertThat(clusterName.body())
        .containsEntry("default", "hrt-demo")
        .containsEntry("type", "${string}");
  }

  @Test
  void theNamespacesAndTheirPodSecurityLabelsAgreeWithK8s() {
    Map<String, Map<String, Object>> rendered = new HashMap<>();
    Rendered.objects("k8s/overlays/dev").stream()
        .filter(object -> "Namespace".equals(object.get("kind")))
        .forEach(
            object ->
                rendered.put(
                    (String) Rendered.map(object, "metadata").get("name"),
                    Rendered.map(object, "metadata", "labels")));
    List<Object> terraformNamespaces = local("terraform/main.tf", "namespaces");
    Map<String, Object> terraformLabels =
        resolveVariables(
            "terraform/modules/namespaces",
            local("terraform/modules/namespaces/main.tf", "labels"));

    assertThat(terraformNamespaces).containsExactlyInAnyOrderElementsOf(rendered.keySet());
    rendered.forEach(
        (name, labels) ->
            assertThat(terraformLabels)
                .as(
                    "terraform/modules/namespaces/main.tf labels vs. the rendered Namespace %s",
                    name)
                .isEqualTo(labels));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGeneratedSecretsAreExactlyTheOnesTheManifestsReference() {
    // namespace/name -> keys, from the secrets module and the namespaces the root passes it.
    Map<String, Object> call =
        blocks("module").stream()
            .filter(b -> b.name().equals("secrets"))
            .findFirst()
            .orElseThrow()
            .body();
    Map<String, Set<String>> terraformSecrets = new HashMap<>();
    blocks("resource").stream()
        .filter(block -> block.name().startsWith("kubernetes_secret_v1."))
        .forEach(
            block -> {
              Map<String, Object> metadata =
                  (Map<String, Object>) ((List<Object>) block.body().get("metadata")).get(0);
              String namespaceVariable =
                  String.valueOf(metadata.get("namespace")).replaceAll("^\\$\\{var\\.(.*)}$", "$1");
              String namespace = namespaceLiteral(String.valueOf(call.get(namespaceVariable)));
              terraformSecrets.put(
                  namespace + "/" + metadata.get("name"),
                  ((Map<String, Object>) block.body().get("data")).keySet());
            });
    Map<String, Set<String>> referenced = new HashMap<>();
    Rendered.objects("k8s/overlays/dev")
        .forEach(
            object ->
                secretKeyRefs(
                    object,
                    String.valueOf(Rendered.map(object, "metadata").get("namespace")),
                    referenced));

    assertThat(terraformSecrets)
        .as("Secrets in terraform/modules/secrets vs. secretKeyRefs in k8s/overlays/dev")
        .isEqualTo(referenced);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theQuotasLeaveRoomForEveryRenderedPodAndOneRollingUpdate() {
    Map<String, Object> limits =
        blocks("variable").stream()
            .filter(
                b ->
                    b.file().equals("terraform/variables.tf")
                        && b.name().equals("namespace_limits"))
            .findFirst()
            .orElseThrow()
            .body();
    Map<String, Map<String, Object>> quotas =
        (Map<String, Map<String, Object>>) limits.get("default");
    List<Map<String, Object>> workloads = new ArrayList<>(Rendered.objects("k8s/overlays/dev"));
    // The in-cluster GitOps watcher may be added to hrt-sre: count it too.
    workloads.addAll(Rendered.parse(read("k8s/components/gitops-watcher/watcher.yaml")));

    List<String> problems = new ArrayList<>();
    quotas.forEach(
        (namespace, quota) -> {
          Map<String, BigDecimal> need = new HashMap<>();
          Map<String, BigDecimal> largestPod = new HashMap<>();
          int pods = 0;
          for (Map<String, Object> workload : workloads) {
            Optional<Map<String, Object>> podSpec = podSpec(workload);
            if (podSpec.isEmpty()
                || !namespace.equals(Rendered.map(workload, "metadata").get("namespace"))) {
              continue;
            }
            int replicas =
                ((Number) Rendered.map(workload, "spec").getOrDefault("replicas", 1)).intValue();
            pods += replicas;
            for (String field :
                List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
              BigDecimal perPod = podTotal(podSpec.get(), field);
              need.merge(field, perPod.multiply(BigDecimal.valueOf(replicas)), BigDecimal::add);
              largestPod.merge(field, perPod, BigDecimal::max);
            }
          }
          for (String field : need.keySet()) {
            BigDecimal required = need.get(field).add(largestPod.get(field));
            BigDecimal granted = Quantities.parse(quota.get(field.replace('.', '_')));
            if (granted.compareTo(required) < 0) {
              problems.add(
                  "terraform/variables.tf namespace_limits."
                      + namespace
                      + "."
                      + field.replace('.', '_')
                      + " = "
                      + quota.get(field.replace('.', '_'))
                      + " < "
                      + required.stripTrailingZeros().toPlainString()
                      + " needed by the rendered pods plus one surge pod");
            }
          }
          if (((Number) quota.get("max_pods")).intValue() < pods + 1) {
            problems.add(
                "terraform/variables.tf namespace_limits."
                    + namespace
                    + ".max_pods < "
                    + (pods + 1));
          }
        });

    assertThat(quotas.keySet()).containsExactlyInAnyOrder("portal", "hrt-sre");
    assertThat(problems).isEmpty();
  }

  @Test
  void terraformFilesAreFormatted() throws Exception {
    // Not installable from this project's package registries, so this one check is skipped (even
    // in CI) where the binary is absent; GitHub Actions' terraform job always runs it.
    Optional<Path> terraform = ExternalTool.find("terraform");
    Assumptions.assumeTrue(terraform.isPresent(), "terraform binary not on PATH");
    Process process =
        new ProcessBuilder(
                terraform.get().toString(), "fmt", "-check", "-recursive", "-diff", "terraform")
            .directory(RepoFiles.root().toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("terraform fmt -check (fix: terraform fmt -recursive terraform):%n%s", output)
        .isZero();
  }

  // --- helpers ---

  /**
   * A named block of one file: {@code variable "x"}, {@code module "y"}, {@code resource
   * "type.name"}.
   */
  record Block(String file, String name, Map<String, Object> body, int line) {
    String where() {
      return file + ":" + line;
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Block> blocks(String type) {
    List<Block> blocks = new ArrayList<>();
    files.forEach(
        (file, parsed) -> {
          Object byName = parsed.get(type);
          if (!(byName instanceof Map<?, ?> named)) {
            return;
          }
          named.forEach(
              (name, bodies) -> {
                if (type.equals("resource")) { // resource "type" "name": one more level
                  ((Map<String, Object>) bodies)
                      .forEach(
                          (resourceName, resourceBodies) ->
                              blocks.add(
                                  new Block(
                                      file,
                                      name + "." + resourceName,
                                      (Map<String, Object>) ((List<Object>) resourceBodies).get(0),
                                      lineOf(
                                          file,
                                          "resource \"" + name + "\" \"" + resourceName + "\""))));
                } else {
                  blocks.add(
                      new Block(
                          file,
                          (String) name,
                          (Map<String, Object>) ((List<Object>) bodies).get(0),
                          lineOf(file, type + " \"" + name + "\"")));
                }
              });
        });
    return blocks;
  }

  private static Map<String, Object> file(String path) {
    return files.get(path);
  }

  @SuppressWarnings("unchecked")
  private static <T> T local(String file, String name) {
    for (Object locals : (List<Object>) file(file).get("locals")) {
      if (((Map<String, Object>) locals).containsKey(name)) {
        return (T) ((Map<String, Object>) locals).get(name);
      }
    }
    throw new AssertionError(file + " has no local." + name);
  }

  /** Replaces {@code ${var.x}} values by the default of variable x in {@code moduleDir}. */
  private static Map<String, Object> resolveVariables(
      String moduleDir, Map<String, Object> values) {
    Map<String, Object> resolved = new LinkedHashMap<>();
    Pattern reference = Pattern.compile("^\\$\\{var\\.([a-z_]+)}$");
    values.forEach(
        (key, value) -> {
          Matcher matcher = reference.matcher(String.valueOf(value));
          resolved.put(
              key,
              matcher.matches()
                  ? blocks("variable").stream()
                      .filter(
                          b ->
                              Path.of(b.file()).getParent().toString().equals(moduleDir)
                                  && b.name().equals(matcher.group(1)))
                      .findFirst()
                      .orElseThrow()
                      .body()
                      .get("default")
                  : value);
        });
    return resolved;
  }

  /** {@code ${module.namespaces.names["hrt-sre"]}} -> hrt-sre. */
  private static String namespaceLiteral(String expression) {
    Matcher matcher = Pattern.compile("\\[\\\\?\"([^\"\\\\]+)\\\\?\"]").matcher(expression);
    if (!matcher.find()) {
      throw new AssertionError("cannot tell the namespace of " + expression);
    }
    return matcher.group(1);
  }

  @SuppressWarnings("unchecked")
  private static void secretKeyRefs(Object node, String namespace, Map<String, Set<String>> into) {
    if (node instanceof Map<?, ?> map) {
      Object ref = map.get("secretKeyRef");
      if (ref instanceof Map<?, ?> secretKeyRef) {
        into.computeIfAbsent(namespace + "/" + secretKeyRef.get("name"), k -> new HashSet<>())
            .add(String.valueOf(secretKeyRef.get("key")));
      }
      map.values().forEach(value -> secretKeyRefs(value, namespace, into));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> secretKeyRefs(value, namespace, into));
    }
  }

  private static Optional<Map<String, Object>> podSpec(Map<String, Object> workload) {
    return switch (String.valueOf(workload.get("kind"))) {
      case "Deployment", "StatefulSet", "DaemonSet" ->
          Optional.of(Rendered.map(workload, "spec", "template", "spec"));
      case "CronJob" ->
          Optional.of(Rendered.map(workload, "spec", "jobTemplate", "spec", "template", "spec"));
      default -> Optional.empty();
    };
  }

  /** Sum over the pod's containers; init containers run before them, so they count as the max. */
  @SuppressWarnings("unchecked")
  private static BigDecimal podTotal(Map<String, Object> podSpec, String field) {
    String[] parts = field.split("\\.");
    BigDecimal containers = BigDecimal.ZERO;
    for (Object container : Rendered.list(podSpec, "containers")) {
      Object value =
          Rendered.map((Map<String, Object>) container, "resources", parts[0]).get(parts[1]);
      containers = containers.add(value == null ? BigDecimal.ZERO : Quantities.parse(value));
    }
    BigDecimal init = BigDecimal.ZERO;
    for (Object container : Rendered.list(podSpec, "initContainers")) {
      Object value =
          Rendered.map((Map<String, Object>) container, "resources", parts[0]).get(parts[1]);
      init = init.max(value == null ? BigDecimal.ZERO : Quantities.parse(value));
    }
    return containers.max(init);
  }

  private static List<String> terraformFiles() {
    try (Stream<Path> walk = Files.walk(RepoFiles.resolve("terraform"))) {
      return walk.filter(path -> path.toString().endsWith(".tf"))
          .filter(path -> !path.toString().contains("/.terraform/"))
          .map(path -> RepoFiles.root().relativize(path).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String relative) {
    try {
      return Files.readString(RepoFiles.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int lineOf(String file, String text) {
    String[] lines = read(file).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith(text)) {
        return i + 1;
      }
    }
    return 1;
  }
}
