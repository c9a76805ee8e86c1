package com.hrt.sre.drill.config;

/** The drill's exit codes, which `make` and CI read. */
public final class ExitCodes {

  /** Everything valid, and every drill that ran passed (at least one ran). */
  public static final int OK = 0;

  /** A drill ran and failed a criterion (the report says which). */
  public static final int FAILED = 1;

  /**
   * A scenario, configuration file or setting the drill refuses, or a stack not fit to drill on
   * (unhealthy or not quiet); the message names it.
   */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
