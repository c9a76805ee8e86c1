package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Silence;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import com.hrt.sre.mockslack.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledge, silence and expire, each checked completely before anything is sent or stored: an
 * unknown message, one that is not firing, or an action already done is refused without a call to
 * Alertmanager; an Alertmanager that fails leaves the message as it was.
 */
class IncidentActions {

  private static final Logger log = LoggerFactory.getLogger(IncidentActions.class);

  private final MessageStore store;
  private final AlertmanagerClient alertmanager;
  private final ExpiredSilences expired;
  private final Clock clock;
  // Messages with a silence being created: a double click must not make two silences.
  private final Set<Long> silencing = ConcurrentHashMap.newKeySet();

  IncidentActions(
      MessageStore store, AlertmanagerClient alertmanager, ExpiredSilences expired, Clock clock) {
    this.store = store;
    this.alertmanager = alertmanager;
    this.expired = expired;
    this.clock = clock;
  }

  /** Records who acknowledged the firing alert {@code id}, and when. */
  Message acknowledge(long id, String by) {
    Message acked =
        store
            .update(
                id,
                m -> {
                  requireFiring(m);
                  if (m.acknowledgedBy() != null) {
                    throw conflict("already acknowledged by " + m.acknowledgedBy());
                  }
                  return m.withAcknowledgement(by, clock.instant());
                })
            .orElseThrow(() -> unknown(id));
    log.info(
        "event=alert_acknowledged message={} alertname={} by=\"{}\"", id, acked.alertname(), by);
    return acked;
  }

  /** The matchers a silence of {@code id} gets (shown before the user confirms). */
  List<SilenceMatcher> matchers(long id) {
    return matchersOf(store.get(id).orElseThrow(() -> unknown(id)));
  }

  /** Creates the silence in Alertmanager, then records it on the message. */
  Silence silence(long id, Duration duration, String comment, String by) {
    requireConfigured();
    Message message = store.get(id).orElseThrow(() -> unknown(id));
    requireFiring(message);
    if (message.silence() != null) {
      throw conflict("already silenced by " + message.silence().id() + ": expire it first");
    }
    List<SilenceMatcher> matchers = matchersOf(message);
    if (!silencing.add(id)) {
      throw conflict("a silence for message " + id + " is being created");
    }
    Silence silence;
    try {
      Instant startsAt = clock.instant();
      Instant endsAt = startsAt.plus(duration);
      String silenceId = alertmanager.createSilence(matchers, startsAt, endsAt, by, comment);
      silence =
          new Silence(
              silenceId,
              matchers.stream().map(SilenceMatcher::toString).toList(),
              by,
              comment,
              startsAt,
              endsAt);
      // Evicted meanwhile: the silence exists in Alertmanager all the same, so it is answered.
      store.update(id, m -> m.withSilence(silence));
    } finally {
      silencing.remove(id);
    }
    log.info(
        "event=alert_silenced message={} silence={} matchers=\"{}\" until={} by=\"{}\"",
        id,
        silence.id(),
        String.join(",", silence.matchers()),
        silence.endsAt(),
        by);
    return silence;
  }

  /** Expires the message's silence in Alertmanager, then clears it from the message. */
  Message expire(long id) {
    requireConfigured();
    Message message = store.get(id).orElseThrow(() -> unknown(id));
    Silence silence = message.silence();
    if (silence == null) {
      throw conflict("message " + id + " has no active silence");
    }
    alertmanager.expireSilence(silence.id());
    expired.add(silence.id());
    Message after =
        store
            .update(
                id,
                m ->
                    m.silence() != null && m.silence().id().equals(silence.id())
                        ? m.withSilence(null)
                        : m)
            .orElse(message.withSilence(null));
    log.info("event=silence_expired message={} silence={}", id, silence.id());
    return after;
  }

  boolean silencesAvailable() {
    return alertmanager.configured();
  }

  private void requireConfigured() {
    if (!alertmanager.configured()) {
      throw new ActionFailedException(
          ActionFailedException.Reason.ALERTMANAGER_NOT_CONFIGURED,
          "silences need an Alertmanager: set MOCKSLACK_ALERTMANAGER_URL");
    }
  }

  private static List<SilenceMatcher> matchersOf(Message message) {
    requireFiring(message);
    List<SilenceMatcher> matchers = AlertLabels.matchersFor(message);
    if (matchers.isEmpty()) {
      throw new RejectedRequestException(
          RejectionReason.NOT_FIRING,
          "message " + message.id() + " names no alert (no alertname), so nothing to silence");
    }
    return matchers;
  }

  private static void requireFiring(Message message) {
    if (message.status() != AlertStatus.FIRING) {
      throw new RejectedRequestException(
          RejectionReason.NOT_FIRING,
          "message " + message.id() + " is " + message.status().label() + ", not a firing alert");
    }
  }

  private static RejectedRequestException unknown(long id) {
    return new RejectedRequestException(
        RejectionReason.UNKNOWN_MESSAGE, "no message with id " + id);
  }

  private static RejectedRequestException conflict(String detail) {
    return new RejectedRequestException(RejectionReason.ACTION_CONFLICT, detail);
  }
}
