package com.hrt.sre.drill.run;

import com.hrt.sre.drill.report.JsonReport;
import com.hrt.sre.drill.report.MarkdownReport;
import com.hrt.sre.drill.report.ReportCard;
import com.hrt.sre.drill.report.SlackSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a report card under {@code <reportDir>/<start time>/}: report.md, report.json and
 * slack.json (the #gameday payload as posted). Each file is written to a temporary file, flushed
 * and renamed, so a reader never sees half a report.
 */
public final class ReportFiles {

  /** Directory names sort by time and need no quoting in a shell: 20261202T090000Z. */
  static final DateTimeFormatter DIRECTORY =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path reportDir;

  public ReportFiles(Path reportDir) {
    this.reportDir = reportDir;
  }

  /** Writes the three files and returns their directory. */
  public Path write(ReportCard card) {
    Path directory = reportDir.resolve(DIRECTORY.format(card.startedAt()));
    try {
      Files.createDirectories(directory);
      atomically(directory.resolve("report.md"), new MarkdownReport().render(card));
      atomically(directory.resolve("report.json"), new JsonReport().render(card));
      atomically(directory.resolve("slack.json"), new SlackSummary().payload(card));
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + directory, e);
    }
  }

  private static void atomically(Path target, String text) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
