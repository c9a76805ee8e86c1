package com.hrt.sre.portal.chaos;

import com.hrt.sre.portal.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Applies a JSON object carrying any subset of the settings' fields to the current settings.
 *
 * <p>Strict on purpose: a chaos switch that silently ignores {@code "failurerate"} or clamps {@code
 * 1.5} would make the demo lie. Every problem (unknown field, wrong type, NaN or infinity, out of
 * range, null) is collected, and any problem rejects the whole patch, so nothing changes.
 */
final class ChaosSettingsPatch {

  static final Set<String> FIELDS =
      Set.of("failureRate", "latencyMs", "latencyJitterMs", "crashAfterSeconds");

  private ChaosSettingsPatch() {}

  /**
   * @throws InvalidRequestException naming every bad field when the body is not a valid patch
   */
  static ChaosSettings apply(ChaosSettings current, JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      throw new InvalidRequestException(
          "request body is required: a JSON object with any of " + sortedFields(),
          Map.of("body", "missing"));
    }
    if (!body.isObject()) {
      throw new InvalidRequestException(
          "request body must be a JSON object with any of " + sortedFields(),
          Map.of("body", "must be a JSON object, got " + describe(body)));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : body.propertyNames()) {
      if (!FIELDS.contains(name)) {
        errors.put(name, "unknown field; allowed: " + sortedFields());
      }
    }
    double failureRate = current.failureRate();
    if (body.has("failureRate")) {
      JsonNode node = body.get("failureRate");
      if (!node.isNumber()) {
        errors.put("failureRate", "must be a number from 0.0 to 1.0, got " + describe(node));
      } else {
        failureRate = node.asDouble();
      }
    }
    long latencyMs = wholeNumber(body, "latencyMs", current.latencyMs(), errors);
    long latencyJitterMs = wholeNumber(body, "latencyJitterMs", current.latencyJitterMs(), errors);
    long crashAfterSeconds =
        wholeNumber(body, "crashAfterSeconds", current.crashAfterSeconds(), errors);

    // Range checks only for fields whose type was right, so each field gets one clear message.
    ChaosSettings.problems(failureRate, latencyMs, latencyJitterMs, crashAfterSeconds)
        .forEach(errors::putIfAbsent);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid chaos settings; nothing was changed", errors);
    }
    return new ChaosSettings(failureRate, latencyMs, latencyJitterMs, crashAfterSeconds);
  }

  private static long wholeNumber(
      JsonNode body, String field, long currentValue, Map<String, String> errors) {
    if (!body.has(field)) {
      return currentValue;
    }
    JsonNode node = body.get(field);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      errors.put(field, "must be a whole number, got " + describe(node));
      return currentValue;
    }
    return node.asLong();
  }

  private static String describe(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return node.toString();
    }
    return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String sortedFields() {
    return FIELDS.stream().sorted().toList().toString();
  }
}
