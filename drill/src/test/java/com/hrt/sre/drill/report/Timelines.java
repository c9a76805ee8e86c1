package com.hrt.sre.drill.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.json.JsonMapper;

/** Recorded timelines, read from src/test/resources/timelines/. */
final class Timelines {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Timelines() {}

  static Timeline read(String fixture) {
    try (InputStream in = Timelines.class.getResourceAsStream("/timelines/" + fixture)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture timelines/" + fixture);
      }
      return MAPPER.readValue(in, Timeline.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
