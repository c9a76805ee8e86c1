package com.hrt.sre.gitops.source;

import java.nio.file.Path;

/**
 * A commit checked out in the watcher's own clone.
 *
 * @param id the full commit id
 * @param tree the working tree, checked out at {@code id}
 */
public record Commit(String id, Path tree) {

  /** The abbreviated id used in logs. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }
}
