package com.hrt.sre.portal.chaos;

import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The chaos settings in force, read on every API request (a volatile read) and changed by the admin
 * API. At start-up a saved state file wins over the environment, which is what makes a container
 * restart keep the chaos while a new pod starts clean.
 */
@Component
public class ChaosControl {

  private static final Logger log = LoggerFactory.getLogger(ChaosControl.class);

  private final ChaosStateStore store;
  private volatile ChaosSettings current;

  ChaosControl(ChaosProperties properties, ChaosStateStore store) {
    this.store = store;
    ChaosSettings fromEnvironment = properties.initialSettings();
    ChaosSettings saved = store.load().orElse(null);
    this.current = saved != null ? saved : fromEnvironment;
    log.info(
        "event=chaos_loaded source={} state={} admin_api={} {}",
        saved != null ? "state_file" : "environment",
        store.describe(),
        properties.adminEnabled() ? "enabled" : "disabled",
        format(current));
  }

  public ChaosSettings current() {
    return current;
  }

  /**
   * Computes the new settings from the current ones, saves them, then puts them in force, all under
   * one lock so concurrent changes cannot lose each other. If saving fails nothing changes.
   *
   * @param action what was done, for the log ({@code put}, {@code reset})
   * @param actor who did it, for the log
   */
  synchronized ChaosSettings change(
      String action, String actor, UnaryOperator<ChaosSettings> update) {
    ChaosSettings old = current;
    ChaosSettings next = update.apply(old);
    store.save(next);
    current = next;
    log.info(
        "event=chaos_change action={} actor={} failureRate={}->{} latencyMs={}->{}"
            + " latencyJitterMs={}->{} crashAfterSeconds={}->{}",
        action,
        actor,
        old.failureRate(),
        next.failureRate(),
        old.latencyMs(),
        next.latencyMs(),
        old.latencyJitterMs(),
        next.latencyJitterMs(),
        old.crashAfterSeconds(),
        next.crashAfterSeconds());
    return next;
  }

  private static String format(ChaosSettings s) {
    return "failureRate=%s latencyMs=%d latencyJitterMs=%d crashAfterSeconds=%d"
        .formatted(s.failureRate(), s.latencyMs(), s.latencyJitterMs(), s.crashAfterSeconds());
  }
}
