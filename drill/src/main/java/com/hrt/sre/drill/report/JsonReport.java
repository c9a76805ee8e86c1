package com.hrt.sre.drill.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report card as JSON, for machines (CI artifacts, comparisons between runs): the records as
 * they are, instants in ISO-8601, numbers in seconds or budget shares.
 */
public final class JsonReport {

  private final JsonMapper mapper =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public String render(ReportCard card) {
    return mapper.writeValueAsString(card);
  }

  /** Reads a report card back (what the next run compares against). */
  public ReportCard read(String json) {
    return mapper.readValue(json, ReportCard.class);
  }
}
