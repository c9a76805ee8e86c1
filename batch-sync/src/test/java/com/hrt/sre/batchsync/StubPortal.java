package com.hrt.sre.batchsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The portal's records API (DESIGN.md) served by WireMock on 127.0.0.1: a catalogue of {@code
 * total} records in pages, and ways to make a page fail.
 */
final class StubPortal implements AutoCloseable {

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  StubPortal() {
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Serves every page of a catalogue of {@code total} records, ids 1..total. */
  StubPortal serving(long total, int size) {
    long pages = (total + size - 1) / size;
    for (int page = 0; page < pages; page++) {
      server.stubFor(pageRequest(page, size).willReturn(okJson(pageJson(page, size, total))));
    }
    return this;
  }

  /** Page {@code page} answers 503 once, then its records. */
  StubPortal failingOnceWith503(int page, int size, long total) {
    String scenario = "page-" + page;
    server.stubFor(
        pageRequest(page, size)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(serviceUnavailable().withBody("{\"error\":\"chaos\"}"))
            .willSetStateTo("recovered"));
    server.stubFor(
        pageRequest(page, size)
            .inScenario(scenario)
            .whenScenarioStateIs("recovered")
            .willReturn(okJson(pageJson(page, size, total))));
    return this;
  }

  /** Page {@code page} always answers 503. */
  StubPortal alwaysFailingWith503(int page, int size) {
    server.stubFor(
        pageRequest(page, size)
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"chaos\"}")));
    return this;
  }

  int requestsForPage(int page) {
    return server
        .findAll(
            getRequestedFor(urlPathEqualTo("/api/records"))
                .withQueryParam("page", equalTo(String.valueOf(page))))
        .size();
  }

  private static MappingBuilder pageRequest(int page, int size) {
    return get(urlPathEqualTo("/api/records"))
        .withQueryParam("page", equalTo(String.valueOf(page)))
        .withQueryParam("size", equalTo(String.valueOf(size)))
        .atPriority(5);
  }

  private static String pageJson(int page, int size, long total) {
    long first = (long) page * size + 1;
    long last = Math.min(total, first + size - 1);
    String items =
        LongStream.rangeClosed(first, last)
            .mapToObj(id -> "{\"id\":" + id + ",\"name\":\"record-" + id + "\"}")
            .collect(Collectors.joining(","));
    return "{\"items\":["
        + items
        + "],\"page\":"
        + page
        + ",\"size\":"
        + size
        + ",\"total\":"
        + total
        + "}";
  }

  @Override
  public void close() {
    server.stop();
  }
}
