package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.incident.ActionFailedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Alertmanager's API v2, the calls the incident actions need: create a silence, expire one, list
 * them. Every answer is read through a bounded stream; anything but a 2xx becomes an {@link
 * ActionFailedException} that quotes Alertmanager's reply.
 */
class AlertmanagerClient {

  /** Alertmanager's answers are small; a silence list of this size is thousands of silences. */
  static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private final Optional<URI> baseUri;
  private final RestClient http;
  private final ObjectMapper json;

  AlertmanagerClient(AlertmanagerProperties properties, ObjectMapper json) {
    this.baseUri = properties.baseUri();
    this.json = json;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build());
    factory.setReadTimeout(properties.timeout());
    this.http = RestClient.builder().requestFactory(factory).build();
  }

  boolean configured() {
    return baseUri.isPresent();
  }

  /** {@code POST /api/v2/silences}; returns the new silence's id. */
  String createSilence(
      List<SilenceMatcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      String comment) {
    Map<String, Object> body =
        Map.of(
            "matchers", matchers,
            "startsAt", startsAt.toString(),
            "endsAt", endsAt.toString(),
            "createdBy", createdBy,
            "comment", comment);
    String answer = call("POST", "/api/v2/silences", json.writeValueAsString(body));
    try {
      String id = json.readTree(answer).path("silenceID").asString("");
      if (id.isBlank()) {
        throw new ActionFailedException(
            Reason.ALERTMANAGER_ERROR,
            "Alertmanager answered without a silenceID: " + clip(answer));
      }
      return id;
    } catch (JacksonException e) {
      throw new ActionFailedException(
          Reason.ALERTMANAGER_ERROR, "Alertmanager's answer is not JSON: " + clip(answer));
    }
  }

  /** {@code DELETE /api/v2/silence/{id}}: expires the silence. */
  void expireSilence(String id) {
    call("DELETE", "/api/v2/silence/" + id, null);
  }

  /** {@code GET /api/v2/silences}, the active ones only. */
  List<AlertmanagerSilence> activeSilences() {
    String answer = call("GET", "/api/v2/silences", null);
    try {
      List<AlertmanagerSilence> all =
          json.readerForListOf(AlertmanagerSilence.class).readValue(answer);
      return all.stream().filter(AlertmanagerSilence::active).toList();
    } catch (JacksonException e) {
      throw new ActionFailedException(
          Reason.ALERTMANAGER_ERROR,
          "Alertmanager's silence list is not readable: " + clip(answer));
    }
  }

  private String call(String method, String path, String body) {
    URI base =
        baseUri.orElseThrow(
            () ->
                new ActionFailedException(
                    Reason.ALERTMANAGER_NOT_CONFIGURED,
                    "no Alertmanager configured: set MOCKSLACK_ALERTMANAGER_URL"));
    URI uri = URI.create(base + path);
    RestClient.RequestBodySpec request =
        http.method(HttpMethod.valueOf(method)).uri(uri).accept(MediaType.APPLICATION_JSON);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    try {
      return request.exchange(
          (req, response) -> {
            String text = readBounded(response.getBody());
            HttpStatusCode status = response.getStatusCode();
            if (!status.is2xxSuccessful()) {
              throw new ActionFailedException(
                  Reason.ALERTMANAGER_ERROR,
                  "Alertmanager answered "
                      + status.value()
                      + " to "
                      + method
                      + " "
                      + path
                      + ": "
                      + clip(text));
            }
            return text;
          });
    } catch (ResourceAccessException e) {
      throw new ActionFailedException(
          Reason.ALERTMANAGER_UNREACHABLE,
          "Alertmanager at "
              + base
              + " is not reachable: "
              + e.getMostSpecificCause().getMessage());
    }
  }

  private static String readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    if (bytes.length > MAX_RESPONSE_BYTES) {
      throw new ActionFailedException(
          Reason.ALERTMANAGER_ERROR,
          "Alertmanager's answer is over " + MAX_RESPONSE_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String clip(String text) {
    String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
