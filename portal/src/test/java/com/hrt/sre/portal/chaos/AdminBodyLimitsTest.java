package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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

    String answer =
        sendShortBodyAndReadAnswer(
            port,
            "Content-Length: 100",
            "Bearer " + PortalClient.TOKEN,
            "{\"failureRate\": 0.9}".getBytes(StandardCharsets.UTF_8));

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
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      // Bounded: an answer must come well within this, or the portal is waiting for the body.
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      writeHead(out, framing, authorization);
      writeBodyPart(out, framing, 16 * 1024);
      String answer = readProblem(socket.getInputStream());
      assertThat(closedAfterSending(socket, framing, 128 * 1024))
          .as("connection closed after more than 64 KiB of an unwanted body")
          .isTrue();
      return answer;
    }
  }

  /** Sends the headers and {@code part}, then ends the stream: the body stops short. */
  private static String sendShortBodyAndReadAnswer(
      int port, String framing, String authorization, byte[] part) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      writeHead(out, framing, authorization);
      out.write(part);
      out.flush();
      socket.shutdownOutput();
      return readProblem(socket.getInputStream());
    }
  }

  private static void writeHead(OutputStream out, String framing, String authorization)
      throws IOException {
    String head =
        "PUT /admin/chaos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + framing
            + "\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** {@code size} bytes of spaces, as one chunk when the body is chunked; never the last chunk. */
  private static void writeBodyPart(OutputStream out, String framing, int size) throws IOException {
    byte[] part = new byte[size];
    Arrays.fill(part, (byte) ' ');
    if (framing.startsWith("Transfer-Encoding")) {
      out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(part);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(part);
    }
    out.flush();
  }

  /** The status line, headers and the problem document, up to its closing brace. */
  private static String readProblem(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    StringBuilder answer = new StringBuilder();
    int n;
    do {
      n = in.read(buffer);
      if (n > 0) {
        answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } while (n > 0 && !answer.toString().contains("}"));
    return answer.toString();
  }

  /** True when the server ends the connection (EOF or reset), false when it keeps waiting. */
  private static boolean closedAfterSending(Socket socket, String framing, int size)
      throws IOException {
    try {
      writeBodyPart(socket.getOutputStream(), framing, size);
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // whatever else arrives (the end of a chunked answer) until the end of the stream
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset or broken pipe: closed by the server
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
