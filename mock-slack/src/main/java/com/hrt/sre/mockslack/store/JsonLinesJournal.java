package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.message.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
 * counted in {@code mockslack_store_corrupt_lines_total}; it never stops the service. A write that
 * fails (disk full, permissions) is logged and counted; messages stay available in memory.
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
    List<Message> loaded = new ArrayList<>();
    int corrupt = 0;
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
