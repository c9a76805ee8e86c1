package com.hrt.sre.autohealer.workload;

import com.hrt.sre.autohealer.detect.RestartRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The restarts the healer observed of a workload's pods, kept in the workload's annotation {@value
 * #ANNOTATION} so that they outlive both the healer's process and the pods (a pod's own annotations
 * would go with it). JSON, one entry per pod, e.g.
 *
 * <pre>{"portal-7d9f8c6b5-a1":{"restarts":5,"observedAt":"2026-11-28T12:00:00Z",
 *  "recent":["2026-11-28T11:50:00Z","2026-11-28T11:59:40Z"]}}</pre>
 *
 * An unreadable value or entry is ignored rather than trusted: that pod is then judged as seen for
 * the first time.
 */
public record RestartLedger(Map<String, RestartRecord> pods) {

  public static final String ANNOTATION = "hrt-sre/auto-heal-restarts";

  /** Pods kept per workload, most recently observed first: bounds the annotation's size. */
  static final int MAX_PODS = 50;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public RestartLedger {
    pods = Map.copyOf(pods);
  }

  public static RestartLedger from(Map<String, String> annotations) {
    String value = annotations.getOrDefault(ANNOTATION, "").trim();
    if (value.isEmpty()) {
      return new RestartLedger(Map.of());
    }
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (JacksonException e) {
      return new RestartLedger(Map.of());
    }
    Map<String, RestartRecord> pods = new LinkedHashMap<>();
    if (root != null && root.isObject()) {
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        read(entry.getValue()).ifPresent(record -> pods.put(entry.getKey(), record));
      }
    }
    return new RestartLedger(pods);
  }

  public Optional<RestartRecord> get(String pod) {
    return Optional.ofNullable(pods.get(pod));
  }

  /**
   * True when {@code observed} tells something new: a pod not kept yet, or a different restart
   * count. Otherwise nothing is written, so a quiet workload costs no write per run.
   */
  public boolean changedBy(Map<String, RestartRecord> observed) {
    return observed.entrySet().stream()
        .anyMatch(
            entry ->
                get(entry.getKey())
                    .map(kept -> kept.restarts() != entry.getValue().restarts())
                    .orElse(true));
  }

  /**
   * The annotation value with {@code observed} recorded. Entries that can no longer matter are
   * dropped: observed before {@code windowStart} with no restart dated since (their next
   * observation would date new restarts before the window anyway, like a first one).
   */
  public String with(Map<String, RestartRecord> observed, Instant windowStart) {
    Map<String, RestartRecord> merged = new LinkedHashMap<>(pods);
    merged.putAll(observed);
    List<Map.Entry<String, RestartRecord>> kept = new ArrayList<>();
    for (Map.Entry<String, RestartRecord> entry : merged.entrySet()) {
      RestartRecord record = entry.getValue();
      List<Instant> recent =
          record.recent().stream().filter(date -> !date.isBefore(windowStart)).toList();
      if (!recent.isEmpty() || !record.observedAt().isBefore(windowStart)) {
        kept.add(
            Map.entry(
                entry.getKey(), new RestartRecord(record.restarts(), record.observedAt(), recent)));
      }
    }
    ObjectNode root = JSON.createObjectNode();
    kept.stream()
        .sorted(
            Comparator.comparing(
                    (Map.Entry<String, RestartRecord> entry) -> entry.getValue().observedAt())
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(MAX_PODS)
        .forEach(entry -> write(root.putObject(entry.getKey()), entry.getValue()));
    return JSON.writeValueAsString(root);
  }

  private static void write(ObjectNode node, RestartRecord record) {
    node.put("restarts", record.restarts());
    node.put("observedAt", HealHistory.format(record.observedAt()));
    ArrayNode recent = node.putArray("recent");
    record.recent().forEach(date -> recent.add(HealHistory.format(date)));
  }

  private static Optional<RestartRecord> read(JsonNode node) {
    if (!node.isObject() || !node.path("restarts").isInt()) {
      return Optional.empty();
    }
    Optional<Instant> observedAt = instant(node.path("observedAt"));
    if (observedAt.isEmpty()) {
      return Optional.empty();
    }
    List<Instant> recent = new ArrayList<>();
    for (JsonNode date : node.path("recent").values()) {
      instant(date).ifPresent(recent::add);
    }
    return Optional.of(
        new RestartRecord(
            node.path("restarts").intValue(), observedAt.get(), recent.stream().sorted().toList()));
  }

  private static Optional<Instant> instant(JsonNode node) {
    if (!node.isString()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(node.asString()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
