package com.hrt.sre.drill.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a drill runs: the local JVM stack ({@code make local-up}) or the k3d demo. */
public enum Mode {
  LOCAL,
  CLUSTER;

  /** The spelling in scenario files and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Mode> fromLabel(String label) {
    return Arrays.stream(values()).filter(mode -> mode.label().equals(label)).findFirst();
  }
}
