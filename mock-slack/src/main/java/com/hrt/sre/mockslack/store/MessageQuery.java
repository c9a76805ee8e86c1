package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import java.time.Instant;
import java.util.Optional;

/** Which messages a reader wants; every criterion is optional except the bound. */
public record MessageQuery(
    Optional<String> channel, Optional<AlertStatus> status, Optional<Instant> since, int limit) {

  boolean matches(Message message) {
    return channel.map(message.channel()::equals).orElse(true)
        && status.map(s -> s == message.status()).orElse(true)
        && since.map(message.receivedAt()::isAfter).orElse(true);
  }
}
