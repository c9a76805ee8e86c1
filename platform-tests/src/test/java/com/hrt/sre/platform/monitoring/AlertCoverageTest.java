package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.monitoring.MonitoringFiles.AlertRule;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every alert has at least one promtool case where it fires and one where it stays quiet
 * (DESIGN.md), so a rule edit that silences or over-fires an alert breaks a test. RuleUnitTestsTest
 * runs the cases; this checks they exist.
 */
class AlertCoverageTest {

  /** Always firing by design: it has no quiet case. */
  private static final String HEARTBEAT = "Watchdog";

  private static final Set<String> FIRING_CASES = new HashSet<>();
  private static final Set<String> QUIET_CASES = new HashSet<>();

  static List<AlertRule> alerts() {
    return MonitoringFiles.alertRules();
  }

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readTheCases() {
    for (Path file : MonitoringFiles.ruleTestFiles()) {
      for (Map<String, Object> test :
          (List<Map<String, Object>>) MonitoringFiles.yaml(file).get("tests")) {
        for (Map<String, Object> alertTest :
            (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
          String name = (String) alertTest.get("alertname");
          List<?> expected = (List<?>) alertTest.get("exp_alerts");
          (expected == null || expected.isEmpty() ? QUIET_CASES : FIRING_CASES).add(name);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void alertHasAPromtoolCaseWhereItFires(AlertRule alert) {
    assertThat(FIRING_CASES).as("alert_rule_test cases expecting it").contains(alert.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void alertHasAPromtoolCaseWhereItStaysQuiet(AlertRule alert) {
    if (!alert.name().equals(HEARTBEAT)) {
      assertThat(QUIET_CASES).as("alert_rule_test cases expecting silence").contains(alert.name());
    }
  }
}
