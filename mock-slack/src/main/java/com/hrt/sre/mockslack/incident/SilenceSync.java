package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Silence;
import com.hrt.sre.mockslack.store.MessageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads Alertmanager's active silences every sync interval and puts on each firing message the one
 * that matches it (or none), so silences made in the Alertmanager UI or with amtool show too, and
 * silences that ended or were expired elsewhere go. One read per interval, whatever the number of
 * viewers; a changed message goes to live pages like any change.
 *
 * <p>A failed read changes nothing (a flaky Alertmanager must not make silences blink) and is
 * counted in {@code mockslack_silence_sync_failures_total}.
 */
class SilenceSync implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SilenceSync.class);

  private final MessageStore store;
  private final AlertmanagerClient alertmanager;
  private final ExpiredSilences expired;
  private final Duration interval;
  private final int maxSilences;
  private final Clock clock;
  private final Counter failures;
  private final Counter ignored;
  private final AtomicInteger active = new AtomicInteger();
  private volatile ScheduledExecutorService ticker;

  SilenceSync(
      MessageStore store,
      AlertmanagerClient alertmanager,
      ExpiredSilences expired,
      AlertmanagerProperties properties,
      MeterRegistry registry,
      Clock clock) {
    this.store = store;
    this.alertmanager = alertmanager;
    this.expired = expired;
    this.interval = properties.syncInterval();
    this.maxSilences = properties.maxSilences();
    this.clock = clock;
    this.failures =
        Counter.builder("mockslack.silence.sync.failures")
            .description(
                "Reads of Alertmanager's silences that failed (messages left as they were)")
            .register(registry);
    this.ignored =
        Counter.builder("mockslack.silence.sync.ignored")
            .description("Active silences beyond max-silences, left out of a read")
            .register(registry);
    registry.gauge("mockslack.silences.active", active);
  }

  /** One read and reconcile; returns how many messages changed, or -1 when the read failed. */
  int syncOnce() {
    Instant readStarted = clock.instant();
    List<AlertmanagerSilence> silences;
    try {
      silences = alertmanager.activeSilences();
    } catch (ActionFailedException e) {
      failures.increment();
      log.warn(
          "event=silence_sync_failed reason={} detail=\"{}\"", e.reason().label(), e.getMessage());
      return -1;
    }
    if (silences.size() > maxSilences) {
      ignored.increment(silences.size() - maxSilences);
      silences = silences.subList(0, maxSilences);
    }
    active.set(silences.size());
    // Matchers are compiled here, before the store's lock is taken for the reconcile.
    List<Candidate> usable =
        silences.stream()
            .filter(s -> !expired.contains(s.id()))
            .map(s -> new Candidate(s, s.compile()))
            .toList();
    int changed = store.updateEach(AlertStatus.FIRING, m -> reconcile(m, usable, readStarted));
    if (changed > 0) {
      log.info("event=silences_synced active={} messages_changed={}", usable.size(), changed);
    }
    return changed;
  }

  private record Candidate(AlertmanagerSilence silence, Predicate<Map<String, String>> matches) {}

  private static Message reconcile(Message message, List<Candidate> silences, Instant readStarted) {
    Silence current = message.silence();
    if (current != null) {
      Optional<AlertmanagerSilence> same =
          silences.stream()
              .map(Candidate::silence)
              .filter(s -> s.id().equals(current.id()))
              .findFirst();
      if (same.isPresent()) {
        return message.withSilence(same.get().view());
      }
      if (current.startsAt() != null && !current.startsAt().isBefore(readStarted)) {
        return message; // made after this read began: the read cannot know it yet
      }
    }
    Map<String, String> labels = AlertLabels.of(message);
    if (!labels.containsKey("alertname")) {
      return message;
    }
    return message.withSilence(
        silences.stream()
            .filter(c -> c.matches().test(labels))
            .map(Candidate::silence)
            .max(Comparator.comparing(AlertmanagerSilence::endsAt))
            .map(AlertmanagerSilence::view)
            .orElse(null));
  }

  @Override
  public void start() {
    if (!alertmanager.configured()) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "silence-sync");
              thread.setDaemon(true);
              return thread;
            });
    long period = interval.toMillis();
    executor.scheduleWithFixedDelay(this::syncQuietly, 0, period, TimeUnit.MILLISECONDS);
    ticker = executor;
  }

  private void syncQuietly() {
    try {
      syncOnce();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log, count, keep going.
      failures.increment();
      log.warn("event=silence_sync_failed reason=unexpected detail=\"{}\"", e.toString());
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = ticker;
    ticker = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return ticker != null;
  }
}
