package com.hrt.sre.batchsync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads fields of the run's one-line summary ({@code event=run_finished ...}) from its log. */
final class RunSummary {

  private final String line;

  private RunSummary(String line) {
    this.line = line;
  }

  static RunSummary lastIn(String log) {
    String found = null;
    for (String candidate : log.split("\\R")) {
      if (candidate.contains("event=run_finished")) {
        found = candidate;
      }
    }
    if (found == null) {
      throw new AssertionError("no event=run_finished line in the log:\n" + log);
    }
    return new RunSummary(found);
  }

  String field(String key) {
    Matcher matcher = Pattern.compile("\\b" + Pattern.quote(key) + "=(\\S+)").matcher(line);
    if (!matcher.find()) {
      throw new AssertionError("no " + key + "= in: " + line);
    }
    return matcher.group(1);
  }

  long number(String key) {
    return Long.parseLong(field(key));
  }

  @Override
  public String toString() {
    return line;
  }
}
