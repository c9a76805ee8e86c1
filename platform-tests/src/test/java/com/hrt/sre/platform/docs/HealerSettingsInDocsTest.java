package com.hrt.sre.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The docs quote the auto-healer's safety rails as the CronJob deploys them
 * (k8s/base/auto-healer.yaml), not the program's defaults, and the restart page uses the healer's
 * own threshold and window: the page and the heal start from the same evidence.
 */
class HealerSettingsInDocsTest {

  private static final Map<String, String> DEPLOYED = new HashMap<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readTheCronJob() throws IOException {
    String manifest = Files.readString(RepoFiles.resolve("k8s/base/auto-healer.yaml"));
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifest)) {
      Map<String, Object> object = (Map<String, Object>) document;
      if (object == null || !"CronJob".equals(object.get("kind"))) {
        continue;
      }
      Map<String, Object> pod = dig(object, "spec", "jobTemplate", "spec", "template", "spec");
      for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
        for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
          if (env.get("value") != null) {
            DEPLOYED.put((String) env.get("name"), String.valueOf(env.get("value")));
          }
        }
      }
    }
    assertThat(DEPLOYED)
        .as("the auto-healer CronJob's environment")
        .containsKeys(
            "COOLDOWN",
            "MAX_HEALS_PER_HOUR",
            "MAX_HEALS_PER_RUN",
            "RESTART_THRESHOLD",
            "RESTART_WINDOW");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"COOLDOWN", "MAX_HEALS_PER_HOUR", "MAX_HEALS_PER_RUN"})
  void theRunbooksQuoteTheDeployedRails(String setting) {
    String quoted = "`" + setting + "=" + DEPLOYED.get(setting) + "`";

    assertThat(Runbook.named("AutoHealerGaveUp").text()).contains(quoted);
    assertThat(Runbook.named("PortalHighRestartRate").text()).contains(quoted);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "COOLDOWN",
        "MAX_HEALS_PER_HOUR",
        "MAX_HEALS_PER_RUN",
        "RESTART_THRESHOLD",
        "RESTART_WINDOW"
      })
  void theAutoHealerPageShowsTheDeployedValueBesideTheDefault(String setting) {
    // | `COOLDOWN` | `10m` | `5m` | meaning |: variable, program default, deployed value
    Pattern row = Pattern.compile("(?m)^\\| `" + setting + "` \\| `([^`]*)` \\| `([^`]*)` \\|");
    Matcher m = row.matcher(read("docs/auto-healer.md"));

    assertThat(m.find()).as("docs/auto-healer.md has a settings row for %s", setting).isTrue();
    assertThat(m.group(2)).as("deployed %s", setting).isEqualTo(DEPLOYED.get(setting));
  }

  @Test
  void theRestartPageUsesTheHealersThresholdAndWindow() {
    String rules = read("prometheus/rules/portal.alerts.yml");
    String expr = rules.substring(rules.indexOf("- alert: PortalHighRestartRate"));
    expr = expr.substring(expr.indexOf("expr:"), expr.indexOf("labels:"));

    Matcher window = Pattern.compile("restarts_total\\{[^}]*}\\[(\\w+)]").matcher(expr);
    Matcher threshold = Pattern.compile("\\)\\s*>=\\s*(\\d+)\\s*$").matcher(expr.strip());
    assertThat(window.find()).as("range of %s", expr).isTrue();
    assertThat(threshold.find()).as("'>= N' at the end of %s", expr).isTrue();
    assertThat(window.group(1)).isEqualTo(DEPLOYED.get("RESTART_WINDOW"));
    assertThat(threshold.group(1)).isEqualTo(DEPLOYED.get("RESTART_THRESHOLD"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dig(Map<String, Object> map, String... keys) {
    Map<String, Object> current = map;
    for (String key : keys) {
      current = (Map<String, Object>) current.get(key);
    }
    return current;
  }

  private static String read(String relative) {
    try {
      return Files.readString(RepoFiles.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
