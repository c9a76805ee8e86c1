package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.Alert;
import com.hrt.sre.mockslack.message.AlertGroup;
import com.hrt.sre.mockslack.message.Attachment;
import com.hrt.sre.mockslack.message.Block;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Silence;
import java.util.List;
import java.util.Map;

/**
 * Estimates the heap a stored message retains, so the store can keep a byte budget.
 *
 * <p>The estimate follows the layout of a 64-bit JVM with compressed references: 16 bytes per
 * object header, 4 per reference, strings as a {@code String} (24 bytes) plus its array (16 bytes
 * plus one byte per character when every character is Latin-1, two otherwise), tree maps at 40
 * bytes per entry. It is rounded up rather than down: the budget must bound the real heap, and the
 * strings carry almost all of a large message's weight. FloodTest checks it against the heap.
 */
final class MessageSize {

  private static final long OBJECT = 16;
  private static final long REFERENCE = 4;
  private static final long STRING = 24 + 16;
  private static final long INSTANT = 24;
  private static final long MAP = 48;
  private static final long MAP_ENTRY = 40;
  private static final long LIST = 16;

  private MessageSize() {}

  static long of(Message m) {
    long size = record(19) + INSTANT;
    size += string(m.channel()) + string(m.alertname()) + string(m.severity()) + string(m.color());
    size += string(m.username()) + string(m.iconEmoji()) + string(m.iconUrl()) + string(m.text());
    size += list(m.attachments());
    for (Attachment a : m.attachments()) {
      size += attachment(a);
    }
    size += list(m.blocks());
    for (Block b : m.blocks()) {
      size += record(2) + string(b.type()) + string(b.text());
    }
    if (m.group() != null) {
      size += group(m.group());
    }
    size += string(m.acknowledgedBy()) + (m.acknowledgedAt() == null ? 0 : INSTANT);
    if (m.silence() != null) {
      Silence s = m.silence();
      size += record(6) + string(s.id()) + string(s.createdBy()) + string(s.comment());
      size += 2 * INSTANT + list(s.matchers());
      for (String matcher : s.matchers()) {
        size += string(matcher);
      }
    }
    return size;
  }

  private static long attachment(Attachment a) {
    long size = record(9);
    size += string(a.title()) + string(a.titleLink()) + string(a.pretext()) + string(a.text());
    size += string(a.fallback()) + string(a.color()) + string(a.footer());
    size += list(a.fields()) + list(a.mrkdwnIn());
    for (Attachment.Field f : a.fields()) {
      size += record(3) + string(f.title()) + string(f.value());
    }
    for (String s : a.mrkdwnIn()) {
      size += string(s);
    }
    return size;
  }

  private static long group(AlertGroup g) {
    long size = record(7) + string(g.receiver()) + string(g.groupKey()) + string(g.externalUrl());
    size += map(g.groupLabels()) + map(g.commonLabels()) + list(g.alerts());
    for (Alert a : g.alerts()) {
      size += record(12) + 2 * INSTANT;
      size += string(a.alertname()) + string(a.severity()) + string(a.summary());
      size += string(a.description()) + string(a.runbookUrl()) + string(a.generatorUrl());
      size += string(a.fingerprint()) + map(a.labels()) + map(a.annotations());
    }
    return size;
  }

  private static long record(int fields) {
    return OBJECT + REFERENCE * fields;
  }

  private static long list(List<?> list) {
    return LIST + REFERENCE * list.size();
  }

  private static long map(Map<String, String> map) {
    long size = MAP;
    for (Map.Entry<String, String> e : map.entrySet()) {
      size += MAP_ENTRY + string(e.getKey()) + string(e.getValue());
    }
    return size;
  }

  static long string(String s) {
    if (s == null) {
      return 0;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return STRING + 2L * s.length();
      }
    }
    return STRING + s.length();
  }
}
