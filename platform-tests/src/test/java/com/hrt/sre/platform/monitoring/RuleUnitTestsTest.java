package com.hrt.sre.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promtool unit tests under prometheus/tests/ pass: every alert fires where it should and stays
 * quiet where it should, the SLO series hold the expected values (AlertCoverageTest checks that
 * each alert has both kinds of case).
 */
class RuleUnitTestsTest {

  static List<Path> ruleTestFiles() {
    return MonitoringFiles.ruleTestFiles();
  }

  @ParameterizedTest
  @MethodSource("ruleTestFiles")
  void promtoolUnitTestsPass(Path testFile) {
    Tools.Result result =
        Tools.run(testFile.getParent(), Tools.promtool(), "test", "rules", testFile.toString());

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }
}
