package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps history in a JSON-lines file: one message per line, appended as it arrives.
 *
 * <p>The file is capped: when the next line would pass {@code maxBytes}, the file is rewritten with
 * the newest retained messages that fit in half of the cap, so rewrites are rare and the file never
 * outgrows the cap. A line that cannot be read back (a crash mid-write, a hand edit) is skipped and
 * counted in {@code mockslack_store_corrupt_lines_total}; it never stops the service.
 *
 * <p>A crash mid-append leaves a torn last line: no newline at the end of the file. Appending after
 * it would glue the next message onto the torn bytes, and that message would be lost at the next
 * start. So the tail is repaired before anything is read: a torn line that is still a whole message
 * (only the newline missing) gets its newline; anything else is cut off the file, logged and
 * counted as a corrupt line. A write that fails (disk full, permissions) is logged and counted;
 * messages stay available in memory.
 */
final class JsonLinesJournal implements MessageJournal {

  private static final Logger log = LoggerFactory.getLogger(JsonLinesJournal.class);
  private static final byte NEWLINE = '\n';

  private final Path file;
  private final long maxBytes;
  private final ObjectMapper json;
  private final Counter corruptLines;
  private final Counter writeErrors;
  private OutputStream out;
  private long size;

  JsonLinesJournal(Path file, long maxBytes, ObjectMapper json, MeterRegistry registry) {
    this.file = file.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.json = json;
    this.corruptLines =
        Counter.builder("mockslack.store.corrupt.lines")
            .description("Lines of the store file that could not be read back and were skipped")
            .register(registry);
    this.writeErrors =
        Counter.builder("mockslack.store.write.errors")
            .description("Failed writes to the store file (the messages stay in memory)")
            .register(registry);
  }

  @Override
  public List<Message> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    int corrupt = repairTornTail();
    List<Message> loaded = new ArrayList<>();
    int lineNumber = 0;
    // InputStreamReader replaces malformed UTF-8 instead of throwing: a bad byte spoils one line.
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        Message message = parse(line);
        if (message == null) {
          corrupt++;
          log.warn("event=store_line_skipped file={} line={} reason=unreadable", file, lineNumber);
        } else {
          loaded.add(message);
        }
      }
    } catch (IOException e) {
      log.warn("event=store_load_failed file={} error=\"{}\"", file, e.getMessage());
    }
    corruptLines.increment(corrupt);
    log.info(
        "event=store_loaded file={} messages={} corrupt_lines={}", file, loaded.size(), corrupt);
    return loaded;
  }

  @Override
  public void append(Message message, Supplier<List<Message>> retained) {
    byte[] line = toLine(message);
    try {
      OutputStream stream = openForAppend();
      if (size + line.length > maxBytes) {
        rewrite(retained.get());
        return;
      }
      stream.write(line);
      stream.flush();
      size += line.length;
    } catch (IOException e) {
      writeFailed("append", e);
    }
  }

  @Override
  public void rewrite(List<Message> retained) {
    closeQuietly();
    Deque<byte[]> newest = new ArrayDeque<>();
    long bytes = 0;
    for (int i = retained.size() - 1; i >= 0; i--) {
      byte[] line = toLine(retained.get(i));
      if (bytes + line.length > maxBytes / 2) {
        break;
      }
      newest.addFirst(line);
      bytes += line.length;
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream stream = Files.newOutputStream(temp)) {
        for (byte[] line : newest) {
          stream.write(line);
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      size = bytes;
      log.info(
          "event=store_file_rewritten file={} messages={} bytes={}", file, newest.size(), bytes);
    } catch (IOException e) {
      writeFailed("rewrite", e);
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }

  /**
   * Makes the file end with a newline, keeping a torn last line only if it is a whole message;
   * returns 1 when a torn line was cut off, else 0.
   */
  private int repairTornTail() {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size == 0 || byteAt(channel, size - 1) == NEWLINE) {
        return 0;
      }
      long lineStart = afterLastNewline(channel, size);
      ByteBuffer torn = ByteBuffer.allocate(Math.toIntExact(size - lineStart));
      while (torn.hasRemaining() && channel.read(torn, lineStart + torn.position()) >= 0) {
        // read the whole torn line
      }
      if (parse(new String(torn.array(), StandardCharsets.UTF_8)) != null) {
        channel.write(ByteBuffer.wrap(new byte[] {NEWLINE}), size);
        channel.force(true);
        log.warn("event=store_tail_repaired file={} action=newline_added", file);
        return 0;
      }
      channel.truncate(lineStart);
      channel.force(true);
      log.warn(
          "event=store_tail_repaired file={} action=torn_line_removed offset={} bytes={}",
          file,
          lineStart,
          size - lineStart);
      return 1;
    } catch (IOException | ArithmeticException e) {
      log.warn("event=store_tail_repair_failed file={} error=\"{}\"", file, e.getMessage());
      return 0;
    }
  }

  /** The position after the last newline before {@code end}, or 0; reads backwards in chunks. */
  private static long afterLastNewline(FileChannel channel, long end) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    long chunkEnd = end;
    while (chunkEnd > 0) {
      long chunkStart = Math.max(0, chunkEnd - chunk.capacity());
      chunk.clear().limit((int) (chunkEnd - chunkStart));
      while (chunk.hasRemaining() && channel.read(chunk, chunkStart + chunk.position()) >= 0) {
        // fill the chunk
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == NEWLINE) {
          return chunkStart + i + 1;
        }
      }
      chunkEnd = chunkStart;
    }
    return 0;
  }

  private static byte byteAt(FileChannel channel, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, position);
    return one.get(0);
  }

  private Message parse(String line) {
    try {
      Message message = json.readValue(line, Message.class);
      boolean complete =
          message != null
              && message.channel() != null
              && message.receivedAt() != null
              && message.source() != null
              && message.status() != null;
      return complete ? message : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private byte[] toLine(Message message) {
    byte[] body = json.writeValueAsBytes(message);
    byte[] line = new byte[body.length + 1];
    System.arraycopy(body, 0, line, 0, body.length);
    line[body.length] = NEWLINE;
    return line;
  }

  private OutputStream openForAppend() throws IOException {
    if (out == null) {
      Files.createDirectories(file.getParent());
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      size = Files.size(file);
    }
    return out;
  }

  private void writeFailed(String operation, IOException e) {
    writeErrors.increment();
    log.warn(
        "event=store_write_failed operation={} file={} error=\"{}\"",
        operation,
        file,
        e.getMessage());
    closeQuietly();
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        log.warn("event=store_close_failed file={} error=\"{}\"", file, e.getMessage());
      }
      out = null;
    }
  }
}
