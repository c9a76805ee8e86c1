package com.hrt.sre.gitops.render;

import java.util.List;

/** The render holds objects that must not be applied; every problem found is listed. */
public class InvalidManifestsException extends RuntimeException {

  private final List<String> problems;

  public InvalidManifestsException(List<String> problems) {
    super(problems.size() + " invalid object(s): " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
