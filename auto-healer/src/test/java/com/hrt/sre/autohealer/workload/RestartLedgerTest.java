package com.hrt.sre.autohealer.workload;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.detect.RestartRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartLedgerTest {

  private static final Instant WINDOW_START = NOW.minus(Duration.ofMinutes(15));

  @Test
  void unreadableValuesAndEntriesAreIgnoredNotTrusted() {
    String value =
        "{\"a\":{\"restarts\":3,\"observedAt\":\"2026-11-28T11:58:00Z\",\"recent\":[\"soon\","
            + "\"2026-11-28T11:57:00Z\"]},\"b\":{\"restarts\":\"many\"},\"c\":[]}";

    assertThat(RestartLedger.from(Map.of(RestartLedger.ANNOTATION, "{not json")).pods()).isEmpty();
    assertThat(RestartLedger.from(Map.of(RestartLedger.ANNOTATION, value)).pods())
        .containsOnlyKeys("a")
        .containsEntry(
            "a",
            new RestartRecord(
                3,
                Instant.parse("2026-11-28T11:58:00Z"),
                List.of(Instant.parse("2026-11-28T11:57:00Z"))));
  }

  @Test
  void entriesThatCanNoLongerMatterAreDroppedAndThePodsAreBounded() {
    RestartLedger ledger =
        new RestartLedger(
            Map.of(
                "gone-pod", new RestartRecord(4, NOW.minus(Duration.ofHours(1)), List.of()),
                "quiet-pod",
                    new RestartRecord(
                        2,
                        NOW.minus(Duration.ofMinutes(20)),
                        List.of(NOW.minus(Duration.ofMinutes(5))))));
    Map<String, RestartRecord> many =
        IntStream.range(0, 60)
            .boxed()
            .collect(
                Collectors.toMap(
                    i -> "pod-" + i, i -> new RestartRecord(1, NOW.minusSeconds(i), List.of(NOW))));

    RestartLedger written =
        RestartLedger.from(Map.of(RestartLedger.ANNOTATION, ledger.with(many, WINDOW_START)));

    assertThat(written.pods()).hasSize(RestartLedger.MAX_PODS).doesNotContainKey("gone-pod");
    assertThat(written.pods()).containsKey("pod-0").doesNotContainKey("pod-59");
    assertThat(
            RestartLedger.from(
                    Map.of(RestartLedger.ANNOTATION, ledger.with(Map.of(), WINDOW_START)))
                .pods())
        .containsOnlyKeys("quiet-pod");
  }

  @Test
  void onlyANewPodOrANewCountIsAChange() {
    RestartLedger ledger =
        new RestartLedger(Map.of("a", new RestartRecord(3, NOW.minusSeconds(60), List.of())));

    assertThat(ledger.changedBy(Map.of("a", new RestartRecord(3, NOW, List.of())))).isFalse();
    assertThat(ledger.changedBy(Map.of("a", new RestartRecord(4, NOW, List.of())))).isTrue();
    assertThat(ledger.changedBy(Map.of("b", new RestartRecord(1, NOW, List.of())))).isTrue();
  }
}
