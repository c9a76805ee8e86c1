package com.hrt.sre.mockslack.store;

import static com.hrt.sre.mockslack.store.TestMessages.draft;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.message.Message;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Persistence: history survives a restart, the file stays capped, bad lines are skipped. */
class JsonLinesJournalTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();

  MessageStore open(Path file, int capacity, long maxBytes) {
    registry = new SimpleMeterRegistry();
    return new MessageStore(
        capacity,
        Long.MAX_VALUE,
        new JsonLinesJournal(file, maxBytes, JSON, registry),
        event -> {},
        registry,
        Clock.systemUTC());
  }

  static List<String> texts(MessageStore store) {
    return store
        .find(new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100_000))
        .stream()
        .map(Message::text)
        .toList();
  }

  @Test
  void historySurvivesARestartInArrivalOrder() {
    Path file = dir.resolve("history.jsonl");
    MessageStore first = open(file, 100, 1 << 20);
    first.add(draft("#alerts", "one"));
    first.add(draft("#ops", "two"));
    Message third = first.add(draft("#alerts", "three"));
    first.closeJournal();

    MessageStore second = open(file, 100, 1 << 20);

    assertThat(texts(second)).containsExactly("three", "two", "one");
    Message reloaded =
        second
            .find(new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1))
            .get(0);
    assertThat(reloaded.receivedAt()).isEqualTo(third.receivedAt());
    assertThat(reloaded.channel()).isEqualTo("#alerts");
    Message next = second.add(draft("#alerts", "four"));
    assertThat(next.id()).isGreaterThan(reloaded.id());
  }

  @Test
  void corruptLinesAreSkippedAndCountedNotFatal() throws IOException {
    Path file = dir.resolve("history.jsonl");
    MessageStore writer = open(file, 100, 1 << 20);
    writer.add(draft("#alerts", "good one"));
    writer.add(draft("#alerts", "good two"));
    writer.closeJournal();
    List<String> lines = Files.readAllLines(file);
    Files.write(
        file,
        List.of(
            lines.get(0),
            "this is not json",
            "{\"channel\":\"#alerts\"}", // JSON, but not a message
            lines.get(1),
            lines.get(1).substring(0, 40))); // cut short, as by a crash mid-write

    MessageStore reader = open(file, 100, 1 << 20);

    assertThat(texts(reader)).containsExactly("good two", "good one");
    assertThat(registry.get("mockslack.store.corrupt.lines").counter().count()).isEqualTo(3);
  }

  /**
   * A crash mid-append, for real: the first half of a line is on disk, without its newline. The
   * next start must cut it off, so the message appended after it is not glued onto it (and lost at
   * the start after that).
   */
  @Test
  void aTornLastLineIsCutOffSoTheNextAppendSurvivesTheNextRestart() throws IOException {
    Path file = dir.resolve("history.jsonl");
    writeTwoThenTear(file, 2);

    MessageStore reopened = open(file, 100, 1 << 20);
    assertThat(texts(reopened)).containsExactly("two", "one");
    assertThat(corruptLines()).as("the torn record is counted").isEqualTo(1);
    reopened.add(draft("#alerts", "four"));
    reopened.closeJournal();

    MessageStore restarted = open(file, 100, 1 << 20);
    assertThat(texts(restarted)).containsExactly("four", "two", "one");
    assertThat(corruptLines()).isZero();
  }

  /** Torn right before its newline, the line is a whole message: it is kept, not cut. */
  @Test
  void aLastLineMissingOnlyItsNewlineIsKept() throws IOException {
    Path file = dir.resolve("history.jsonl");
    writeTwoThenTear(file, 1);

    MessageStore reopened = open(file, 100, 1 << 20);
    assertThat(texts(reopened)).containsExactly("three", "two", "one");
    reopened.add(draft("#alerts", "four"));
    reopened.closeJournal();

    assertThat(texts(open(file, 100, 1 << 20))).containsExactly("four", "three", "two", "one");
    assertThat(corruptLines()).isZero();
  }

  /** Journals "one" and "two", then appends 1/{@code fraction} of a "three" line, no newline. */
  private void writeTwoThenTear(Path file, int fraction) throws IOException {
    MessageStore writer = open(file, 100, 1 << 20);
    writer.add(draft("#alerts", "one"));
    writer.add(draft("#alerts", "two"));
    writer.closeJournal();
    byte[] three = JSON.writeValueAsBytes(draft("#alerts", "three").withArrival(3, Instant.now()));
    Files.write(file, Arrays.copyOf(three, three.length / fraction), StandardOpenOption.APPEND);
    byte[] written = Files.readAllBytes(file);
    assertThat(written[written.length - 1]).as("the file ends torn").isNotEqualTo((byte) '\n');
  }

  double corruptLines() {
    return registry.get("mockslack.store.corrupt.lines").counter().count();
  }

  @Test
  void theFileNeverOutgrowsItsCapAndKeepsTheNewest() throws IOException {
    Path file = dir.resolve("history.jsonl");
    long cap = 16 * 1024;
    MessageStore store = open(file, 10_000, cap);
    for (int i = 0; i < 2_000; i++) {
      store.add(draft("#alerts", "message " + i));
      assertThat(Files.size(file)).isLessThanOrEqualTo(cap);
    }
    store.closeJournal();

    List<String> reloaded = texts(open(file, 10_000, cap));
    assertThat(reloaded).isNotEmpty().first().isEqualTo("message 1999");
    assertThat(registry.get("mockslack.store.corrupt.lines").counter().count()).isZero();
  }

  @Test
  void clearedMessagesStayGoneAfterARestart() {
    Path file = dir.resolve("history.jsonl");
    MessageStore store = open(file, 100, 1 << 20);
    store.add(draft("#alerts", "keep"));
    store.add(draft("#noise", "drop"));
    store.clear(Optional.of("#noise"));
    store.closeJournal();

    assertThat(texts(open(file, 100, 1 << 20))).containsExactly("keep");
  }

  @Test
  void reloadingMoreThanTheCapacityKeepsTheNewest() {
    Path file = dir.resolve("history.jsonl");
    MessageStore big = open(file, 100, 1 << 20);
    for (int i = 0; i < 10; i++) {
      big.add(draft("#alerts", "m" + i));
    }
    big.closeJournal();

    MessageStore small = open(file, 3, 1 << 20);

    assertThat(texts(small)).containsExactly("m9", "m8", "m7");
  }

  @Test
  void aMissingDirectoryIsCreated() {
    Path file = dir.resolve("nested/dir/history.jsonl");
    MessageStore store = open(file, 10, 1 << 20);
    store.add(draft("#alerts", "x"));

    assertThat(Files.exists(file)).isTrue();
  }
}
