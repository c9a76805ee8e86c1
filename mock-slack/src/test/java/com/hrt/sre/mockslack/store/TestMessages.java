package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Source;
import java.util.List;

/** Message drafts for store tests. */
final class TestMessages {

  private TestMessages() {}

  static Message draft(String channel, String text) {
    return draft(channel, text, AlertStatus.INFO);
  }

  static Message draft(String channel, String text, AlertStatus status) {
    return new Message(
        0,
        null,
        channel,
        Source.SLACK,
        status,
        null,
        null,
        null,
        0,
        "test",
        null,
        null,
        text,
        List.of(),
        List.of(),
        null);
  }
}
