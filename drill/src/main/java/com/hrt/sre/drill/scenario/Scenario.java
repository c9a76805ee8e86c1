package com.hrt.sre.drill.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One game-day scenario, read from {@code drills/<name>.yaml}.
 *
 * @param name the file's base name, which is how {@code SCENARIO=} selects it
 * @param file where it was read from
 * @param description what breaks, in a sentence
 * @param modes where it can run; anywhere else it is "not applicable", never "passed"
 * @param inject per mode, how to break it
 * @param expect the alerts that must arrive, each in its channel
 * @param consequences alerts the fault may also cause through a real dependency (batch-sync reads
 *     the portal, so a broken portal can fail a scheduled run): they may arrive without counting as
 *     noise, and need not arrive
 * @param heal how it is healed
 * @param recoveredWhen a PromQL expression that returns a result once the service is back
 * @param limits what passing means
 */
public record Scenario(
    String name,
    Path file,
    String description,
    Set<Mode> modes,
    Map<Mode, Step> inject,
    List<ExpectedAlert> expect,
    List<String> consequences,
    Heal heal,
    String recoveredWhen,
    Limits limits) {

  public Scenario {
    modes = Set.copyOf(modes);
    inject = Map.copyOf(inject);
    expect = List.copyOf(expect);
    consequences = List.copyOf(consequences);
  }

  public boolean appliesTo(Mode mode) {
    return modes.contains(mode);
  }

  public Optional<Step> injection(Mode mode) {
    return Optional.ofNullable(inject.get(mode));
  }
}
