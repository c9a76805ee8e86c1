package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The bounded message history, shared by all channels.
 *
 * <p>Bounded twice: by message count and by bytes. Count alone does not bound memory (5,000
 * messages of 256 KB are over a gigabyte), so each message's retained heap is estimated when it
 * arrives ({@link MessageSize}) and the oldest messages go while the total is over the byte budget.
 * The newest message always stays, so the real bound is the budget plus one message (a body is at
 * most {@code max-body-size}; the budget is at least four of them).
 *
 * <p>One lock orders everything: a message gets its sequence number, joins the history, evicts the
 * oldest messages when the store is over either bound (counted in {@code
 * mockslack_messages_dropped_total{reason="count"|"bytes"}}), is journaled and announced, all
 * before the next one. So arrival order is one total order, per channel too, and the live stream
 * sees messages in that order. Work under the lock is small (no I/O but an optional buffered
 * append), which keeps thousands of posts a second cheap.
 */
public class MessageStore {

  private final int capacity;
  private final long maxBytes;
  private final MessageJournal journal;
  private final ApplicationEventPublisher events;
  private final Counter droppedForCount;
  private final Counter droppedForBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Message> history = new ArrayDeque<>();
  // The estimated size of each message in history, in the same order.
  private final ArrayDeque<Long> sizes = new ArrayDeque<>();
  private long bytes;
  private final Map<String, ChannelState> channels = new HashMap<>();
  private final Clock clock;
  private long lastId;
  private Instant lastArrival;

  MessageStore(
      int capacity,
      long maxBytes,
      MessageJournal journal,
      ApplicationEventPublisher events,
      MeterRegistry registry,
      Clock clock) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.journal = journal;
    this.events = events;
    this.droppedForCount = droppedCounter(registry, "count");
    this.droppedForBytes = droppedCounter(registry, "bytes");
    Gauge.builder("mockslack.messages.stored", this, MessageStore::size)
        .description("Messages currently held")
        .register(registry);
    Gauge.builder("mockslack.messages.capacity", () -> capacity)
        .description("Most messages the store holds before dropping the oldest")
        .register(registry);
    Gauge.builder("mockslack.store.bytes", this, MessageStore::bytes)
        .description("Estimated heap held by the stored messages")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("mockslack.store.budget", () -> maxBytes)
        .description("Byte budget of the stored messages; the oldest go when it is passed")
        .baseUnit("bytes")
        .register(registry);
    restore(journal.load());
  }

  /** Stores {@code draft} as the newest message and returns it with its sequence number. */
  public Message add(Message draft) {
    lock.lock();
    try {
      // Arrival time is taken under the lock and never goes back, so id order is time order.
      Instant now = clock.instant();
      lastArrival = lastArrival == null || now.isAfter(lastArrival) ? now : lastArrival;
      Message stored = draft.withArrival(++lastId, lastArrival);
      insert(stored);
      journal.append(stored, () -> List.copyOf(history));
      events.publishEvent(new MessageStoredEvent(stored));
      return stored;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces message {@code id} with {@code change} applied to it (acknowledged, silenced), keeps
   * it in the journal and announces it like a new arrival (same id, so live pages replace it).
   * Empty when no such message is held. {@code change} runs under the store's lock, so two changes
   * to one message never lose each other; it must be quick and may throw to refuse the change.
   */
  public Optional<Message> update(long id, UnaryOperator<Message> change) {
    lock.lock();
    try {
      Optional<Message> current = get(id);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Message changed = change.apply(current.get());
      if (!changed.equals(current.get())) {
        replace(List.of(changed));
      }
      return Optional.of(changed);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies {@code change} to every held message of {@code status} and stores those it changed,
   * with one journal rewrite for all; returns how many changed.
   */
  public int updateEach(AlertStatus status, UnaryOperator<Message> change) {
    lock.lock();
    try {
      List<Message> changed = new ArrayList<>();
      for (Message message : history) {
        if (message.status() == status) {
          Message after = change.apply(message);
          if (!after.equals(message)) {
            changed.add(after);
          }
        }
      }
      if (!changed.isEmpty()) {
        replace(changed);
      }
      return changed.size();
    } finally {
      lock.unlock();
    }
  }

  /** The message with sequence number {@code id}, if still held. */
  public Optional<Message> get(long id) {
    lock.lock();
    try {
      // Ids are increasing along the history, but an id's position moves as the oldest go:
      // a scan is simplest and cheap next to the journal rewrite that follows a change.
      for (Message message : history) {
        if (message.id() == id) {
          return Optional.of(message);
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Messages matching {@code query}, newest first, at most {@code query.limit()}. */
  public List<Message> find(MessageQuery query) {
    lock.lock();
    try {
      List<Message> found = new ArrayList<>(Math.min(query.limit(), history.size()));
      Iterator<Message> newestFirst = history.descendingIterator();
      while (newestFirst.hasNext() && found.size() < query.limit()) {
        Message message = newestFirst.next();
        if (query.since().isPresent() && !message.receivedAt().isAfter(query.since().get())) {
          break; // id order is time order (see add): everything older is out of range too
        }
        if (query.matches(message)) {
          found.add(message);
        }
      }
      return found;
    } finally {
      lock.unlock();
    }
  }

  /** Every channel that holds messages, by name. */
  public List<ChannelSummary> channels() {
    lock.lock();
    try {
      return channels.entrySet().stream()
          .map(
              e ->
                  new ChannelSummary(
                      e.getKey(),
                      e.getValue().count,
                      e.getValue().lastMessageAt,
                      e.getValue().lastStatus))
          .sorted(Comparator.comparing(ChannelSummary::name))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the messages of {@code channel}, or all when empty; returns how many went. */
  public int clear(Optional<String> channel) {
    lock.lock();
    try {
      int before = history.size();
      if (channel.isPresent()) {
        history.removeIf(m -> m.channel().equals(channel.get()));
        channels.remove(channel.get());
      } else {
        history.clear();
        channels.clear();
      }
      int deleted = before - history.size();
      if (deleted > 0) {
        // Rare (a user's click): re-estimating what is left is simpler than tracking positions.
        sizes.clear();
        bytes = 0;
        for (Message message : history) {
          long size = MessageSize.of(message);
          sizes.addLast(size);
          bytes += size;
        }
      }
      if (deleted > 0) {
        journal.rewrite(List.copyOf(history));
      }
      events.publishEvent(new MessagesClearedEvent(channel, deleted));
      return deleted;
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return history.size();
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }

  /** Estimated heap held by the stored messages (see {@link MessageSize}). */
  public long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  @PreDestroy
  void closeJournal() {
    lock.lock();
    try {
      journal.close();
    } finally {
      lock.unlock();
    }
  }

  /** Reloads history from the journal; ids restart at 1, in the journal's (arrival) order. */
  private void restore(List<Message> saved) {
    lock.lock();
    try {
      for (Message message : saved) {
        insert(message.withArrival(++lastId, message.receivedAt()));
        lastArrival = message.receivedAt();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts changed messages in place of those with their ids. The journal is rewritten (an update
   * cannot be appended: each line is a whole message, read back in order); changes are rare user
   * actions, so the cost of a rewrite is paid per click, not per notification.
   */
  private void replace(List<Message> changed) {
    Map<Long, Message> byId = new HashMap<>();
    changed.forEach(m -> byId.put(m.id(), m));
    List<Message> all = new ArrayList<>(history);
    List<Long> allSizes = new ArrayList<>(sizes);
    history.clear();
    sizes.clear();
    for (int i = 0; i < all.size(); i++) {
      Message after = byId.getOrDefault(all.get(i).id(), all.get(i));
      long size = after == all.get(i) ? allSizes.get(i) : MessageSize.of(after);
      bytes += size - allSizes.get(i);
      history.addLast(after);
      sizes.addLast(size);
    }
    journal.rewrite(List.copyOf(history));
    changed.forEach(m -> events.publishEvent(new MessageStoredEvent(m)));
  }

  private void insert(Message message) {
    long size = MessageSize.of(message);
    history.addLast(message);
    sizes.addLast(size);
    bytes += size;
    channels
        .computeIfAbsent(message.channel(), name -> new ChannelState())
        .added(message.receivedAt(), message.status());
    while (history.size() > capacity || (bytes > maxBytes && history.size() > 1)) {
      (history.size() > capacity ? droppedForCount : droppedForBytes).increment();
      Message oldest = history.removeFirst();
      bytes -= sizes.removeFirst();
      ChannelState state = channels.get(oldest.channel());
      if (state != null && state.removedOne()) {
        channels.remove(oldest.channel());
      }
    }
  }

  private static Counter droppedCounter(MeterRegistry registry, String reason) {
    return Counter.builder("mockslack.messages.dropped")
        .description("Oldest messages dropped because the store was over its count or byte bound")
        .tag("reason", reason)
        .register(registry);
  }

  /** Count and latest arrival of one channel; mutated only under the store's lock. */
  private static final class ChannelState {
    private int count;
    private Instant lastMessageAt;
    private AlertStatus lastStatus;

    void added(Instant at, AlertStatus status) {
      count++;
      lastMessageAt = at;
      lastStatus = status;
    }

    /** Returns true when the channel became empty. */
    boolean removedOne() {
      return --count == 0;
    }
  }
}
