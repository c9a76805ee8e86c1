package com.hrt.sre.mockslack.store;

import static com.hrt.sre.mockslack.store.TestMessages.draft;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageStoreTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<Object> events = new ArrayList<>();

  MessageStore store(int capacity) {
    return store(capacity, Long.MAX_VALUE);
  }

  MessageStore store(int capacity, long maxBytes) {
    return new MessageStore(
        capacity, maxBytes, MessageJournal.NONE, events::add, registry, Clock.systemUTC());
  }

  static MessageQuery all(int limit) {
    return new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  double dropped() {
    return dropped("count") + dropped("bytes");
  }

  double dropped(String reason) {
    return registry.get("mockslack.messages.dropped").tag("reason", reason).counter().count();
  }

  @Test
  void whenFullTheOldestGoFirstAndAreCounted() {
    MessageStore store = store(3);
    for (int i = 1; i <= 5; i++) {
      store.add(draft("#alerts", "m" + i));
    }

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.find(all(10))).extracting(Message::text).containsExactly("m5", "m4", "m3");
    assertThat(dropped()).isEqualTo(2);
  }

  @Test
  void overTheByteBudgetTheOldestGoFirstAndAreCountedAsBytes() {
    String tenKb = "x".repeat(10_000);
    long oneMessage = MessageSize.of(draft("#alerts", tenKb));
    MessageStore store = store(1_000, 3 * oneMessage);
    for (int i = 1; i <= 5; i++) {
      store.add(draft("#alerts", i + tenKb.substring(1)));
    }

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.bytes()).isEqualTo(3 * oneMessage);
    assertThat(store.find(all(10)))
        .extracting(m -> m.text().charAt(0))
        .containsExactly('5', '4', '3');
    assertThat(dropped("bytes")).isEqualTo(2);
    assertThat(dropped("count")).isZero();
    assertThat(registry.get("mockslack.store.bytes").gauge().value()).isEqualTo(3.0 * oneMessage);
  }

  @Test
  void aMessageLargerThanTheBudgetStaysAsTheOnlyOne() {
    MessageStore store = store(1_000, 1_000);
    store.add(draft("#alerts", "small"));
    store.add(draft("#alerts", "y".repeat(5_000)));

    assertThat(store.find(all(10))).extracting(Message::text).containsExactly("y".repeat(5_000));
    assertThat(dropped("bytes")).isEqualTo(1);
  }

  @Test
  void clearingGivesTheBytesBack() {
    MessageStore store = store(10);
    store.add(draft("#a", "a".repeat(1_000)));
    Message kept = store.add(draft("#b", "b".repeat(1_000)));

    store.clear(Optional.of("#a"));

    assertThat(store.bytes()).isEqualTo(MessageSize.of(kept));
  }

  @Test
  void aWideCharacterCountsTwoBytes() {
    assertThat(MessageSize.string("é".repeat(100)) - MessageSize.string(""))
        .as("Latin-1 text: one byte a character")
        .isEqualTo(100);
    assertThat(MessageSize.string("€".repeat(100)) - MessageSize.string(""))
        .as("any other character: two bytes each")
        .isEqualTo(200);
  }

  @Test
  void findIsNewestFirstAndBoundedByLimit() {
    MessageStore store = store(10);
    for (int i = 1; i <= 5; i++) {
      store.add(draft("#alerts", "m" + i));
    }

    assertThat(store.find(all(2))).extracting(Message::text).containsExactly("m5", "m4");
  }

  @Test
  void findFiltersByChannelStatusAndSince() {
    MessageStore store = store(10);
    store.add(draft("#alerts", "old firing", AlertStatus.FIRING));
    Instant between = store.find(all(1)).get(0).receivedAt();
    store.add(draft("#alerts", "resolved", AlertStatus.RESOLVED));
    store.add(draft("#other", "other firing", AlertStatus.FIRING));
    store.add(draft("#alerts", "new firing", AlertStatus.FIRING));

    MessageQuery query =
        new MessageQuery(
            Optional.of("#alerts"), Optional.of(AlertStatus.FIRING), Optional.of(between), 10);
    assertThat(store.find(query)).extracting(Message::text).containsExactly("new firing");
  }

  @Test
  void idsAndArrivalTimesFollowArrivalOrder() {
    MessageStore store = store(10);
    Message first = store.add(draft("#a", "1"));
    Message second = store.add(draft("#a", "2"));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(second.receivedAt()).isAfterOrEqualTo(first.receivedAt());
  }

  @Test
  void channelsListCountsAndLastMessageTimeAndForgetEmptiedChannels() {
    MessageStore store = store(3);
    store.add(draft("#b", "1", AlertStatus.FIRING));
    store.add(draft("#a", "2", AlertStatus.FIRING));
    Message last = store.add(draft("#a", "3", AlertStatus.RESOLVED));

    assertThat(store.channels())
        .containsExactly(
            new ChannelSummary("#a", 2, last.receivedAt(), AlertStatus.RESOLVED),
            new ChannelSummary(
                "#b", 1, store.find(all(3)).get(2).receivedAt(), AlertStatus.FIRING));

    store.add(draft("#a", "4")); // evicts the only #b message
    assertThat(store.channels()).extracting(ChannelSummary::name).containsExactly("#a");
  }

  @Test
  void clearingOneChannelKeepsTheOthers() {
    MessageStore store = store(10);
    store.add(draft("#a", "1"));
    store.add(draft("#b", "2"));
    store.add(draft("#a", "3"));

    assertThat(store.clear(Optional.of("#a"))).isEqualTo(2);
    assertThat(store.find(all(10))).extracting(Message::text).containsExactly("2");
    assertThat(events).last().isEqualTo(new MessagesClearedEvent(Optional.of("#a"), 2));
    assertThat(dropped()).as("a clear is not a drop").isZero();
  }

  @Test
  void everyStoredMessageIsAnnouncedInOrder() {
    MessageStore store = store(10);
    Message first = store.add(draft("#a", "1"));
    Message second = store.add(draft("#a", "2"));

    assertThat(events)
        .containsExactly(new MessageStoredEvent(first), new MessageStoredEvent(second));
  }

  @Test
  void anUpdateReplacesTheMessageInPlaceAndIsAnnouncedWithItsId() {
    MessageStore store = store(10);
    Message first = store.add(draft("#a", "1", AlertStatus.FIRING));
    Message second = store.add(draft("#a", "2"));
    long bytesBefore = store.bytes();
    events.clear();

    Optional<Message> acked =
        store.update(first.id(), m -> m.withAcknowledgement("ann", Instant.EPOCH));

    assertThat(acked).isPresent();
    assertThat(acked.get().id()).isEqualTo(first.id());
    assertThat(store.find(all(10)))
        .containsExactly(second, first.withAcknowledgement("ann", Instant.EPOCH));
    assertThat(events).containsExactly(new MessageStoredEvent(acked.get()));
    assertThat(store.bytes()).as("the name is estimated too").isGreaterThan(bytesBefore);
    assertThat(store.update(999, m -> m.withAcknowledgement("x", Instant.EPOCH))).isEmpty();
  }

  @Test
  void updateEachTouchesOnlyMessagesOfTheStatusAndAnnouncesOnlyChangedOnes() {
    MessageStore store = store(10);
    Message firing = store.add(draft("#a", "f", AlertStatus.FIRING));
    store.add(draft("#a", "r", AlertStatus.RESOLVED));
    events.clear();

    int changed =
        store.updateEach(AlertStatus.FIRING, m -> m.withAcknowledgement("sync", Instant.EPOCH));
    int again =
        store.updateEach(AlertStatus.FIRING, m -> m.withAcknowledgement("sync", Instant.EPOCH));

    assertThat(changed).isEqualTo(1);
    assertThat(again).as("nothing changed the second time").isZero();
    assertThat(events)
        .containsExactly(new MessageStoredEvent(firing.withAcknowledgement("sync", Instant.EPOCH)));
  }

  @Test
  void concurrentPostsKeepTheBoundAndPerChannelArrivalOrder() throws Exception {
    MessageStore store = store(1_000);
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String channel = "#c" + t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  store.add(draft(channel, Integer.toString(i)));
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<Message> kept = store.find(all(1_000));
    assertThat(kept).hasSize(1_000);
    assertThat(dropped()).isEqualTo(threads * perThread - 1_000);
    assertThat(new HashSet<>(kept.stream().map(Message::id).toList())).hasSize(1_000);
    for (int t = 0; t < threads; t++) {
      String channel = "#c" + t;
      List<Integer> sequence =
          kept.stream()
              .filter(m -> m.channel().equals(channel))
              .map(m -> Integer.parseInt(m.text()))
              .toList();
      // newest first: each channel's numbers strictly decrease
      for (int i = 1; i < sequence.size(); i++) {
        assertThat(sequence.get(i)).isLessThan(sequence.get(i - 1));
      }
    }
  }
}
