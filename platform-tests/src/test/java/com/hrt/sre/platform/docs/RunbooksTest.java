package com.hrt.sre.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import com.hrt.sre.testsupport.ExternalTool;
import com.hrt.sre.testsupport.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every runbook has the shape a responder relies on, links the Grafana panel that shows its signal,
 * and every command in it runs as written: shell blocks parse and run (external commands stubbed)
 * without a stray argument or redirection, each query is valid PromQL for promtool, and amtool
 * accepts the silencing commands.
 */
class RunbooksTest {

  /** The sections every runbook has, in this order (others may sit between or after). */
  static final List<String> SECTIONS =
      List.of("Meaning", "Impact", "Diagnosis", "Mitigation", "Escalation", "Silencing");

  private static final String INSTALL_HINT =
      "sudo apt-get install prometheus prometheus-alertmanager (Debian/Ubuntu)";

  static List<Runbook> runbooks() {
    return Runbook.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void hasEverySectionInOrder(Runbook runbook) {
    List<String> sections = runbook.sections();
    int last = -1;
    for (String section : SECTIONS) {
      int at = sections.indexOf(section);
      assertThat(at)
          .as("%s has '## %s' after the previous section", runbook, section)
          .isGreaterThan(last);
      last = at;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void silencingShowsAmtoolAndTheAlertmanagerUi(Runbook runbook) {
    String silencing = runbook.section("Silencing");

    assertThat(silencing)
        .contains("amtool silence add alertname=" + runbook.alert() + " ")
        .contains("Alertmanager UI")
        .contains("http://localhost:9093/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void linksADashboardPanelThatExists(Runbook runbook) {
    Map<String, Set<Integer>> panels = dashboardPanels();

    assertThat(runbook.panelLinks()).as("%s links a Grafana panel", runbook).isNotEmpty();
    for (Runbook.PanelLink link : runbook.panelLinks()) {
      assertThat(panels).as("dashboard uid in %s", runbook).containsKey(link.dashboardUid());
      assertThat(panels.get(link.dashboardUid()))
          .as("%s links panel %d of %s", runbook, link.panelId(), link.dashboardUid())
          .contains(link.panelId());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void everyShellBlockParses(Runbook runbook) {
    assertThat(runbook.shellBlocks()).as("%s has shell blocks", runbook).isNotEmpty();
    for (String block : runbook.shellBlocks()) {
      assertThat(StubbedShell.syntaxErrors(block)).as("bash -n of:\n%s", block).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void everyShellBlockRunsAsWritten(Runbook runbook) {
    for (String block : runbook.shellBlocks()) {
      StubbedShell.Run run = StubbedShell.run(block);

      assertThat(run.stderr()).as("stderr of:\n%s", block).isEmpty();
      assertThat(run.exitCode()).as("exit code of:\n%s", block).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void everyQueryIsValidPromql(Runbook runbook) throws IOException {
    List<String> queries = new ArrayList<>();
    for (String block : runbook.shellBlocks()) {
      queries.addAll(StubbedShell.run(block).queries());
    }
    assertThat(queries).as("%s queries Prometheus", runbook).isNotEmpty();

    // promtool parses expressions when it checks a rule file: one recording rule per query.
    List<Map<String, Object>> rules = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("record", "runbook:query_" + i);
      rule.put("expr", queries.get(i));
      rules.add(rule);
    }
    Path file = Files.createTempFile("runbook-queries", ".yml");
    Files.writeString(
        file,
        new Yaml()
            .dump(Map.of("groups", List.of(Map.of("name", runbook.alert(), "rules", rules)))));
    Path promtool = ExternalTool.require(INSTALL_HINT, "promtool");

    String output = run(List.of(promtool.toString(), "check", "rules", file.toString()), 0);
    assertThat(output).as("promtool on %s's queries %s", runbook, queries).contains("SUCCESS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void amtoolAcceptsTheSilencingCommands(Runbook runbook) {
    List<List<String>> calls = new ArrayList<>();
    for (String block : runbook.shellBlocks()) {
      for (List<String> call : StubbedShell.run(block).commands()) {
        if (call.size() > 2
            && call.get(0).equals("amtool")
            && call.get(1).equals("silence")
            && List.of("add", "query").contains(call.get(2))) {
          calls.add(call);
        }
      }
    }
    assertThat(calls).as("%s's amtool calls", runbook).isNotEmpty();
    Path amtool = ExternalTool.require(INSTALL_HINT, "amtool");
    String closed = "--alertmanager.url=http://127.0.0.1:" + FreePort.pick();

    for (List<String> call : calls) {
      List<String> command = new ArrayList<>();
      command.add(amtool.toString());
      for (String arg : call.subList(1, call.size())) {
        command.add(arg.startsWith("--alertmanager.url=") ? closed : arg);
      }
      // Parsed and valid, amtool gets as far as calling Alertmanager, which is not there.
      assertThat(run(command, 1)).as("%s", command).contains("connection refused");
    }
  }

  private static Map<String, Set<Integer>> dashboardPanels() {
    Map<String, Set<Integer>> panels = new HashMap<>();
    try (Stream<Path> files = Files.list(RepoFiles.resolve("grafana/dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode dashboard = JsonMapper.builder().build().readTree(file.toFile());
        Set<Integer> ids = new HashSet<>();
        collectPanelIds(dashboard.path("panels"), ids);
        panels.put(dashboard.path("uid").asString(), ids);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return panels;
  }

  private static void collectPanelIds(JsonNode list, Set<Integer> into) {
    for (JsonNode panel : list) {
      into.add(panel.path("id").asInt());
      collectPanelIds(panel.path("panels"), into);
    }
  }

  private static String run(List<String> command, int expectedExit) {
    try {
      Path log = Files.createTempFile("runbook-tool", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("did not finish in 60 s: " + command);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      assertThat(process.exitValue())
          .as("exit code of %s\n%s", command, output)
          .isEqualTo(expectedExit);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
