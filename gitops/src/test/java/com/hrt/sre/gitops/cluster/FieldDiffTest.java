package com.hrt.sre.gitops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

  @Test
  void fieldsOnlyTheLiveObjectHasAreNotDifferences() {
    Map<String, Object> desired = Map.of("spec", Map.of("replicas", 2));
    Map<String, Object> live =
        Map.of(
            "metadata", Map.of("annotations", Map.of("hrt-sre/auto-heal-history", "[]")),
            "spec", Map.of("replicas", 2, "revisionHistoryLimit", 10));

    assertThat(FieldDiff.changedFields(desired, live)).isEmpty();
  }

  @Test
  void aChangedValueIsReportedByItsPath() {
    Map<String, Object> desired = Map.of("spec", Map.of("replicas", 3));
    Map<String, Object> live = Map.of("spec", Map.of("replicas", 2));

    assertThat(FieldDiff.changedFields(desired, live)).containsExactly("spec.replicas");
  }

  @Test
  void listElementsAreComparedByPositionIgnoringServerDefaults() {
    Map<String, Object> desired =
        Map.of("containers", List.of(Map.of("name", "web", "image", "web:2")));
    Map<String, Object> live =
        Map.of(
            "containers",
            List.of(Map.of("name", "web", "image", "web:1", "terminationMessagePath", "/dev/x")));

    assertThat(FieldDiff.changedFields(desired, live)).containsExactly("containers[0].image");
  }

  @Test
  void serverManagedMetadataIsIgnored() {
    Map<String, Object> desired = Map.of("metadata", Map.of("resourceVersion", "1", "name", "a"));
    Map<String, Object> live = Map.of("metadata", Map.of("resourceVersion", "9", "name", "a"));

    assertThat(FieldDiff.changedFields(desired, live)).isEmpty();
  }
}
