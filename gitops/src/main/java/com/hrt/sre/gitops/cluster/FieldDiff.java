package com.hrt.sre.gitops.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of a desired object whose value the live object does not have. Only the fields the
 * manifest sets are compared, as server-side apply does: defaults the API server adds and fields
 * other managers own (the auto-healer's annotations) are not differences.
 */
final class FieldDiff {

  private FieldDiff() {}

  static List<String> changedFields(Map<?, ?> desired, Map<?, ?> live) {
    List<String> changed = new ArrayList<>();
    compare("", desired, live, changed);
    return changed;
  }

  private static void compare(String path, Object desired, Object live, List<String> changed) {
    if (desired instanceof Map<?, ?> desiredMap && live instanceof Map<?, ?> liveMap) {
      desiredMap.forEach(
          (key, value) -> {
            if (!isServerSide(path, key)) {
              compare(join(path, String.valueOf(key)), value, liveMap.get(key), changed);
            }
          });
    } else if (desired instanceof List<?> desiredList && live instanceof List<?> liveList) {
      if (desiredList.size() != liveList.size()) {
        changed.add(path);
        return;
      }
      for (int i = 0; i < desiredList.size(); i++) {
        compare(path + "[" + i + "]", desiredList.get(i), liveList.get(i), changed);
      }
    } else if (!sameScalar(desired, live)) {
      changed.add(path);
    }
  }

  /** Numbers compare by value (1 and 1.0 from different parsers), everything else by equals. */
  private static boolean sameScalar(Object desired, Object live) {
    if (desired instanceof Number a && live instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(desired, live)
        || Objects.equals(String.valueOf(desired), String.valueOf(live));
  }

  private static boolean isServerSide(String path, Object key) {
    return path.equals("metadata")
        && (key.equals("resourceVersion")
            || key.equals("managedFields")
            || key.equals("uid")
            || key.equals("creationTimestamp")
            || key.equals("generation"));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
