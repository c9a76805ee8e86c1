package com.hrt.sre.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests, limits and probes everywhere; the whole playground fits a laptop; JVMs fit limits. */
class ResourcesAndProbesTest {

  /** Aim of the issue: all requests together at most 2 CPUs and 3 GiB. */
  private static final BigDecimal MAX_TOTAL_CPU = new BigDecimal("2");

  private static final BigDecimal MAX_TOTAL_MEMORY = new BigDecimal(3L * 1024 * 1024 * 1024);

  /**
   * JVM memory outside the heap that the flags cap or bound: metaspace (MaxMetaspaceSize), code
   * cache (ReservedCodeCacheSize), plus thread stacks, GC and native overhead (allowance).
   */
  private static final long NON_HEAP_ALLOWANCE_MIB = 64;

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerRequestsAndLimitsCpuAndMemory(String overlay) {
    for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
      for (Container container : workload.containers()) {
        var resources = container.getResources();
        String what = workload + " container " + container.getName();
        assertThat(resources.getRequests()).as(what + " requests").containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).as(what + " limits").containsKeys("cpu", "memory");
        assertThat(bytes(resources.getRequests().get("memory")))
            .as(what + " memory request <= limit")
            .isLessThanOrEqualTo(bytes(resources.getLimits().get("memory")));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyLongRunningContainerHasLivenessAndReadinessProbes(String overlay) {
    assertThat(Manifests.of(overlay).workloads())
        .filteredOn(Manifests.Workload::longRunning)
        .allSatisfy(
            w ->
                assertThat(w.mainContainers())
                    .allSatisfy(
                        c -> {
                          assertThat(c.getLivenessProbe()).as("%s liveness", w).isNotNull();
                          assertThat(c.getReadinessProbe()).as("%s readiness", w).isNotNull();
                        }));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void ourWebServicesProbeTheirActuatorLivenessAndReadinessPaths(String overlay) {
    assertThat(Manifests.of(overlay).workloads())
        .filteredOn(Manifests.Workload::longRunning)
        .filteredOn(w -> ImagePolicyTest.isOurs(w.containers().get(0).getImage()))
        .hasSize(3)
        .allSatisfy(
            w -> {
              Container c = w.containers().get(0);
              assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
              assertThat(c.getReadinessProbe().getHttpGet().getPath())
                  .isEqualTo("/health/readiness");
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void allRequestsTogetherFitALaptop(String overlay) {
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
      for (Container container : workload.containers()) {
        Map<String, Quantity> requests = container.getResources().getRequests();
        BigDecimal replicas = BigDecimal.valueOf(workload.replicas());
        cpu = cpu.add(Quantity.getAmountInBytes(requests.get("cpu")).multiply(replicas));
        memory = memory.add(bytes(requests.get("memory")).multiply(replicas));
      }
    }

    assertThat(cpu).as("CPU requests (cores)").isLessThanOrEqualTo(MAX_TOTAL_CPU);
    assertThat(memory).as("memory requests (bytes)").isLessThanOrEqualTo(MAX_TOTAL_MEMORY);
  }

  /**
   * A manifest's JAVA_TOOL_OPTIONS replaces the image's (pom.xml image.jvm.flags): it may size the
   * heap differently, but must not drop a flag, such as the young generation's floor.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void everyJvmKeepsTheImageFlagsButTheHeapPercentage(String overlay) throws IOException {
    Matcher imageFlags =
        Pattern.compile("<image.jvm.flags>([^<]+)</image.jvm.flags>")
            .matcher(Files.readString(RepoFiles.resolve("pom.xml")));
    assertThat(imageFlags.find()).as("pom.xml sets image.jvm.flags").isTrue();
    for (Manifests.Workload workload : ourWorkloads(overlay)) {
      assertThat(withoutHeapPercentage(javaToolOptions(workload)))
          .as("%s JAVA_TOOL_OPTIONS", workload)
          .isEqualTo(withoutHeapPercentage(imageFlags.group(1)));
    }
  }

  private static String withoutHeapPercentage(String flags) {
    return flags.replaceAll("-XX:MaxRAMPercentage=\\S+", "").trim();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void jvmHeapPlusCappedNonHeapFitsTheMemoryLimit(String overlay) {
    Pattern percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    Pattern metaspace = Pattern.compile("-XX:MaxMetaspaceSize=(\\d+)m");
    Pattern codeCache = Pattern.compile("-XX:ReservedCodeCacheSize=(\\d+)m");
    List<Manifests.Workload> ours = ourWorkloads(overlay);
    assertThat(ours).hasSize(5);
    for (Manifests.Workload workload : ours) {
      Container container = workload.containers().get(0);
      String flags = javaToolOptions(workload);
      double limitMib =
          bytes(container.getResources().getLimits().get("memory")).doubleValue() / (1 << 20);
      double heapMib = limitMib * number(percent, flags, workload) / 100;
      double nonHeapMib =
          number(metaspace, flags, workload)
              + number(codeCache, flags, workload)
              + NON_HEAP_ALLOWANCE_MIB;

      assertThat(heapMib + nonHeapMib)
          .as(
              "%s: heap %.0f MiB + non-heap %.0f MiB vs limit %.0f MiB",
              workload, heapMib, nonHeapMib, limitMib)
          .isLessThanOrEqualTo(limitMib);
    }
  }

  private static List<Manifests.Workload> ourWorkloads(String overlay) {
    return Manifests.of(overlay).workloads().stream()
        .filter(w -> ImagePolicyTest.isOurs(w.containers().get(0).getImage()))
        .toList();
  }

  private static String javaToolOptions(Manifests.Workload workload) {
    return workload.containers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError(workload + " sets no JAVA_TOOL_OPTIONS"));
  }

  private static double number(Pattern pattern, String flags, Manifests.Workload workload) {
    Matcher matcher = pattern.matcher(flags);
    assertThat(matcher.find()).as("%s JAVA_TOOL_OPTIONS has %s", workload, pattern).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private static BigDecimal bytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity);
  }
}
