package com.hrt.sre.drill.report;

/** A scenario's outcome. Not applicable is its own verdict: never counted as passed. */
public enum Verdict {
  PASSED,
  FAILED,
  NOT_APPLICABLE
}
