package com.hrt.sre.drill.scenario;

import java.util.Map;
import java.util.Optional;

/**
 * How the drill heals what it broke.
 *
 * @param by who heals: the documented fix (the drill applies the runbook's step) or the auto-healer
 * @param runbook the runbook that documents the fix, relative to the repository root
 * @param steps per mode, the step that heals
 */
public record Heal(By by, String runbook, Map<Mode, Step> steps) {

  public Heal {
    steps = Map.copyOf(steps);
  }

  public Optional<Step> step(Mode mode) {
    return Optional.ofNullable(steps.get(mode));
  }

  /** Who heals. */
  public enum By {
    DOCUMENTED_FIX("documented-fix"),
    AUTO_HEALER("auto-healer");

    private final String label;

    By(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
