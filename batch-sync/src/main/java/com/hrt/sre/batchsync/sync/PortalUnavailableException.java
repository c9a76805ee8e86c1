package com.hrt.sre.batchsync.sync;

/** A page could not be fetched: its retries ran out, or the portal rejected the request. */
class PortalUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int attempts;

  PortalUnavailableException(int page, int attempts, Throwable lastFailure) {
    super(
        "page " + page + " failed after " + attempts + " attempt(s): " + describe(lastFailure),
        lastFailure);
    this.attempts = attempts;
  }

  int attempts() {
    return attempts;
  }

  /** One line naming the last failure, for the log. */
  String reason() {
    return describe(getCause());
  }

  private static String describe(Throwable failure) {
    if (failure == null) {
      return "unknown";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    String rootText =
        root == failure
            ? ""
            : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    return (first + rootText).replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
