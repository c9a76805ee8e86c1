package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.Message;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where stored messages are written so they survive a restart. The store calls it under its lock,
 * so the journal sees messages in arrival order and needs no locking of its own.
 */
interface MessageJournal extends AutoCloseable {

  /** Messages written by an earlier run, oldest first; unreadable entries are skipped. */
  List<Message> load();

  /**
   * Records {@code message}, just added to the store; {@code retained} gives everything the store
   * now holds (oldest first), for a journal that must rewrite itself to stay under its cap.
   */
  void append(Message message, Supplier<List<Message>> retained);

  /** Replaces the journal with exactly {@code retained}, after messages were deleted. */
  void rewrite(List<Message> retained);

  @Override
  void close();

  /** History kept in memory only (no store path configured). */
  MessageJournal NONE =
      new MessageJournal() {
        @Override
        public List<Message> load() {
          return List.of();
        }

        @Override
        public void append(Message message, Supplier<List<Message>> retained) {}

        @Override
        public void rewrite(List<Message> retained) {}

        @Override
        public void close() {}
      };
}
