package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import com.hrt.sre.testsupport.UnfinishedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The admin API authenticates before it reads a body, and reads at most 64 KiB of one, whether the
 * client declares the length or streams it in chunks.
 */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.admin-token=" + PortalClient.TOKEN)
class AdminBodyLimitsTest {

  static final int LIMIT = 64 * 1024;
  private static final String BASELINE = "{\"failureRate\":0.25}";
  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @LocalServerPort int port;
  private PortalClient portal;

  @BeforeEach
  void setBaseline() {
    portal = new PortalClient(port);
    assertThat(portal.putAsAdmin("/admin/chaos", BASELINE).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void resetChaos() {
    portal.post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
  }

  /**
   * The client sends the headers and 16 KiB of a body it announces as hundreds of megabytes (or as
   * an endless chunked stream), then stops sending. An answer can only arrive if the portal decided
   * without waiting for the body.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Content-Length: 314572800", "Transfer-Encoding: chunked"})
  void largeBodyWithoutATokenIsRefusedBeforeItIsRead(String framing) throws IOException {
    double before = rejected("unauthorized");

    String answer = startBodyAndReadAnswer(port, framing, null);

    assertThat(answer).startsWith("HTTP/1.1 401 ");
    assertThat(answer).contains("application/problem+json").contains("\"status\":401");
    assertThat(rejected("unauthorized")).isEqualTo(before + 1);
    assertThat(current()).contains("\"failureRate\":0.25");
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void bodyOverTheLimitWithTheTokenIs413AndChangesNothing(boolean chunked) {
    double before = rejected("body_too_large");
    // Valid JSON that would set failureRate to 0.9 if it were read to its end.
    byte[] body = paddedJson("{\"failureRate\": 0.9", LIMIT + 1);

    HttpResponse<String> response = put(body, chunked);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":413").contains(Integer.toString(LIMIT));
    assertThat(rejected("body_too_large")).isEqualTo(before + 1);
    assertThat(current()).contains("\"failureRate\":0.25");
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void bodyOfExactlyTheLimitIsAccepted(boolean chunked) {
    HttpResponse<String> response = put(paddedJson("{\"failureRate\": 0.5", LIMIT), chunked);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(current()).contains("\"failureRate\":0.5");
  }

  @Test
  void bodyThatEndsEarlyIs400AndChangesNothing() throws IOException {
    double before = rejected("incomplete_body");

    String answer;
    try (UnfinishedRequest request =
        new UnfinishedRequest(
            port, "PUT", "/admin/chaos", "Content-Length: 100", "Bearer " + PortalClient.TOKEN)) {
      answer =
          request
              .send("{\"failureRate\": 0.9}".getBytes(StandardCharsets.UTF_8))
              .endStream()
              .readAnswer();
    }

    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(rejected("incomplete_body")).isEqualTo(before + 1);
    assertThat(current()).contains("\"failureRate\":0.25");
  }

  /**
   * Sends the headers and 16 KiB of body and reads the answer that comes back while the body is
   * still unfinished. Then shows that the portal will not drain the rest for long: after another
   * 128 KiB (over the 64 KiB it discards at most) it has closed the connection.
   */
  static String startBodyAndReadAnswer(int port, String framing, String authorization)
      throws IOException {
    try (UnfinishedRequest request =
        new UnfinishedRequest(port, "PUT", "/admin/chaos", framing, authorization)) {
      String answer = request.sendSpaces(16 * 1024).readAnswer();
      boolean closed;
      try {
        closed = request.sendSpaces(128 * 1024).closedByServer();
      } catch (SocketException e) {
        closed = true; // the server closed while the client was still sending
      }
      assertThat(closed)
          .as("connection closed after more than 64 KiB of an unwanted body")
          .isTrue();
      return answer;
    }
  }

  private HttpResponse<String> put(byte[] body, boolean chunked) {
    // ofInputStream has no known length: the JDK client sends it chunked.
    BodyPublisher publisher =
        chunked
            ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : BodyPublishers.ofByteArray(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/chaos"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + PortalClient.TOKEN)
            .PUT(publisher)
            .build();
    try {
      return HTTP_1_1.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code prefix}, spaces, then the closing brace: valid JSON of exactly {@code size} bytes. */
  private static byte[] paddedJson(String prefix, int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(start, 0, body, 0, start.length);
    body[size - 1] = '}';
    return body;
  }

  private String current() {
    return portal.getAsAdmin("/admin/chaos").body();
  }

  private double rejected(String reason) {
    Matcher sample =
        Pattern.compile(
                "^portal_rejected_requests_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(portal.get("/metrics").body());
    return sample.find() ? Double.parseDouble(sample.group(1)) : 0.0;
  }
}
