package com.hrt.sre.gitops.cluster;

import java.util.List;

/**
 * One change a sync makes (or, in dry-run, would make).
 *
 * @param action what happens to the object
 * @param object which object
 * @param fields for an update, the paths whose value differs from the live object
 */
public record Change(Action action, ObjectKey object, List<String> fields) {

  /** What happens to an object. */
  public enum Action {
    CREATE,
    UPDATE,
    UNCHANGED,
    PRUNE
  }

  /**
   * One log line: {@code action=update kind=Deployment namespace=portal name=portal fields=...}.
   */
  public String describe() {
    String line = "action=" + action.name().toLowerCase() + " " + object;
    return fields.isEmpty() ? line : line + " fields=" + String.join(",", fields);
  }
}
