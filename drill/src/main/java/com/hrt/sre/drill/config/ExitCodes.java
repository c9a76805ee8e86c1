package com.hrt.sre.drill.config;

/** The drill's exit codes, which `make` and CI read. */
public final class ExitCodes {

  /** Everything valid (and, once the runner exists, every drill that ran passed). */
  public static final int OK = 0;

  /** A scenario, configuration file or setting the drill refuses; the message names it. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
