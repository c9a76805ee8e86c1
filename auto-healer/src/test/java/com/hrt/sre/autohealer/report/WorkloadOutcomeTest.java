package com.hrt.sre.autohealer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.detect.UnhealthyPod;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkloadOutcomeTest {

  @Test
  void evidenceNamesTheWorstPodsAndCountsTheRest() {
    List<UnhealthyPod> pods =
        IntStream.rangeClosed(1, 50)
            .mapToObj(
                i ->
                    new UnhealthyPod(
                        "portal", "portal-abc-" + i, i, "CrashLoopBackOff", Optional.empty()))
            .toList();

    assertThat(WorkloadOutcome.evidence(pods))
        .isEqualTo(
            "portal-abc-50=50 (CrashLoopBackOff), portal-abc-49=49 (CrashLoopBackOff),"
                + " portal-abc-48=48 (CrashLoopBackOff) and 47 more pods");
  }
}
