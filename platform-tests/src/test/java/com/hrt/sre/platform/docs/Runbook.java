package com.hrt.sre.platform.docs;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One runbook of docs/runbooks/, with the parts the documentation tests look at. */
record Runbook(String alert, Path file, String text) {

  private static final Pattern HEADING = Pattern.compile("(?m)^## (.+)$");
  // A fenced bash block, also when indented under a list item.
  private static final Pattern SHELL_BLOCK =
      Pattern.compile("(?ms)^[ \\t]*```bash\\n(.*?)^[ \\t]*```");
  private static final Pattern PANEL_LINK =
      Pattern.compile("\\(http://localhost:3000/d/([A-Za-z0-9_-]+)\\?viewPanel=panel-(\\d+)\\)");

  /** A Grafana link to one panel of a provisioned dashboard. */
  record PanelLink(String dashboardUid, int panelId) {}

  static Path dir() {
    return RepoFiles.resolve("docs/runbooks");
  }

  /** Every runbook (the index README.md is not one). */
  static List<Runbook> all() {
    try (Stream<Path> files = Files.list(dir())) {
      return files
          .filter(f -> f.toString().endsWith(".md"))
          .filter(f -> !f.getFileName().toString().equals("README.md"))
          .sorted()
          .map(Runbook::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Runbook named(String alert) {
    return read(dir().resolve(alert + ".md"));
  }

  static Runbook read(Path file) {
    try {
      String name = file.getFileName().toString().replaceFirst("\\.md$", "");
      return new Runbook(name, file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The level-2 headings, in order. */
  List<String> sections() {
    List<String> sections = new ArrayList<>();
    Matcher m = HEADING.matcher(text);
    while (m.find()) {
      sections.add(m.group(1).strip());
    }
    return sections;
  }

  /** The text of one level-2 section, up to the next one. */
  String section(String heading) {
    int start = text.indexOf("\n## " + heading + "\n");
    if (start < 0) {
      return "";
    }
    int end = text.indexOf("\n## ", start + 4);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** The bodies of its ```bash blocks, with a list item's indentation removed. */
  List<String> shellBlocks() {
    List<String> blocks = new ArrayList<>();
    Matcher m = SHELL_BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(m.group(1).stripIndent());
    }
    return blocks;
  }

  List<PanelLink> panelLinks() {
    List<PanelLink> links = new ArrayList<>();
    Matcher m = PANEL_LINK.matcher(text);
    while (m.find()) {
      links.add(new PanelLink(m.group(1), Integer.parseInt(m.group(2))));
    }
    return links;
  }

  @Override
  public String toString() {
    return alert;
  }
}
